import { error, type RequestEvent } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import { currentSettings } from './studies';
import { getDb } from './db';
import { memberships, studies } from './db/schema';
import { requireUser } from './guards';

/** The ranking preview: coordinators and authors of the study; its experts only when the study enables it. */
export function previewAccess(
	event: Pick<RequestEvent, 'locals' | 'url'> & { params: { studyId: string } }
) {
	const user = requireUser(event);
	const db = getDb();
	const study = db.select().from(studies).where(eq(studies.id, event.params.studyId)).get();
	if (!study) error(404, 'No such study.');
	const roles = db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.studyId, study.id), eq(memberships.userId, user.id)))
		.all()
		.map((r) => r.role);
	// previewForExperts may change from round to round: the latest round's options decide.
	const settings = currentSettings(db, study.id);
	const ok =
		roles.includes('coordinator') ||
		roles.includes('author') ||
		(roles.includes('expert') && settings.previewForExperts);
	if (!ok)
		error(
			403,
			roles.includes('expert')
				? 'The ranking preview is not open to experts in this study.'
				: 'You are not a member of this study.'
		);
	return { user, study, settings, roles };
}
