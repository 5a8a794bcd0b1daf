import { AUDIT_GROUPS, studyAudit } from '$lib/server/audit-view';
import { getDb } from '$lib/server/db';
import { requireAnyStudyRole } from '$lib/server/study-access';
import type { PageServerLoad } from './$types';

const day = (s: string | null, end = false) =>
	s && /^\d{4}-\d{2}-\d{2}$/.test(s)
		? new Date(`${s}T${end ? '23:59:59.999' : '00:00:00'}Z`)
		: undefined;

export const load: PageServerLoad = (event) => {
	const { study } = requireAnyStudyRole(event, event.params.studyId, ['coordinator', 'author']);
	const q = event.url.searchParams;
	const filter = { group: q.get('group') ?? '', from: q.get('from') ?? '', to: q.get('to') ?? '' };
	const rows = studyAudit(getDb(), study.id, {
		group: filter.group || undefined,
		from: day(filter.from),
		to: day(filter.to, true)
	});
	return { study: { id: study.id, title: study.title }, rows, groups: AUDIT_GROUPS, filter };
};
