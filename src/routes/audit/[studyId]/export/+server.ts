import { auditCsv, auditFilterFrom, studyAudit } from '$lib/server/audit-view';
import { getDb } from '$lib/server/db';
import { requireAnyStudyRole } from '$lib/server/study-access';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { study } = requireAnyStudyRole(event, event.params.studyId, ['coordinator', 'author']);
	const rows = studyAudit(getDb(), study.id, {
		...auditFilterFrom(event.url.searchParams),
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
