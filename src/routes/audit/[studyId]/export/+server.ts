import { auditCsv, studyAudit } from '$lib/server/audit-view';
import { getDb } from '$lib/server/db';
import { requireAnyStudyRole } from '$lib/server/study-access';
import type { RequestHandler } from './$types';

const day = (s: string | null, end = false) =>
	s && /^\d{4}-\d{2}-\d{2}$/.test(s)
		? new Date(`${s}T${end ? '23:59:59.999' : '00:00:00'}Z`)
		: undefined;

export const GET: RequestHandler = (event) => {
	const { study } = requireAnyStudyRole(event, event.params.studyId, ['coordinator', 'author']);
	const q = event.url.searchParams;
	const rows = studyAudit(getDb(), study.id, {
		group: q.get('group') || undefined,
		from: day(q.get('from')),
		to: day(q.get('to'), true),
		limit: 100_000
	});
	return new Response(auditCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${study.slug}-audit.csv"`,
			'cache-control': 'no-store'
		}
	});
};
