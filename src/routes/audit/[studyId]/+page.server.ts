import { AUDIT_GROUPS, auditFilterFrom, studyAudit } from '$lib/server/audit-view';
import { getDb } from '$lib/server/db';
import { requireAnyStudyRole } from '$lib/server/study-access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { study } = requireAnyStudyRole(event, event.params.studyId, ['coordinator', 'author']);
	const q = event.url.searchParams;
	const filter = {
		group: (q.get('group') ?? '').slice(0, 40),
		from: (q.get('from') ?? '').slice(0, 10),
		to: (q.get('to') ?? '').slice(0, 10)
	};
	const rows = studyAudit(getDb(), study.id, auditFilterFrom(q));
	return { study: { id: study.id, title: study.title }, rows, groups: AUDIT_GROUPS, filter };
};
