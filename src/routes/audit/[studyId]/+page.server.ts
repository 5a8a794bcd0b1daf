import { AUDIT_GROUPS, auditFilterFrom, readableAudit, studyAudit } from '$lib/server/audit-view';
import { getDb } from '$lib/server/db';
import { holdsStudyRole } from '$lib/server/guards';
import { requireStudyMember } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { user, study } = requireStudyMember(getDb(), event, event.params.studyId, [
		'coordinator',
		'author'
	]);
	const q = event.url.searchParams;
	const filter = {
		group: (q.get('group') ?? '').slice(0, 40),
		from: (q.get('from') ?? '').slice(0, 10),
		to: (q.get('to') ?? '').slice(0, 10)
	};
	const db = getDb();
	// Coordinators run the panel and see who is who; authors see experts by pseudonym only.
	const seesIdentities = holdsStudyRole(db, study.id, user.id, 'coordinator');
	const rows = readableAudit(db, study.id, studyAudit(db, study.id, auditFilterFrom(q)), {
		seesIdentities
	});
	return {
		study: { id: study.id, title: study.title, titleZh: study.titleZh },
		rows,
		groups: AUDIT_GROUPS,
		filter,
		seesIdentities
	};
};
