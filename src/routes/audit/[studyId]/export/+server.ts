import { limitHeavy } from '$lib/server/heavy-limits';
import {
	auditFilterFrom,
	readableAudit,
	readableAuditCsv,
	studyAudit
} from '$lib/server/audit-view';
import { getDb } from '$lib/server/db';
import { holdsStudyRole } from '$lib/server/guards';
import { requireStudyMember } from '$lib/server/guards';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => {
	const { user, study } = requireStudyMember(getDb(), event, event.params.studyId, [
		'coordinator',
		'author'
	]);
	limitHeavy(event, 'export');
	const db = getDb();
	const rows = studyAudit(db, study.id, {
		...auditFilterFrom(event.url.searchParams),
		limit: 100_000
	});
	const readable = readableAudit(db, study.id, rows, {
		seesIdentities: holdsStudyRole(db, study.id, user.id, 'coordinator')
	});
	return new Response(readableAuditCsv(readable), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${study.slug}-audit.csv"`,
			'cache-control': 'no-store'
		}
	});
};
