import { error, type RequestEvent } from '@sveltejs/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from './db';
import { memberships, studies, type Role } from './db/schema';
import { requireUser } from './guards';

/** A study, for a member holding one of `roles` in it (404 / 403 otherwise). */
export function requireAnyStudyRole(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	studyId: string,
	roles: readonly Role[]
) {
	const user = requireUser(event);
	const db = getDb();
	const study = db.select().from(studies).where(eq(studies.id, studyId)).get();
	if (!study) error(404, 'No such study.');
	const held = db
		.select()
		.from(memberships)
		.where(
			and(
				eq(memberships.studyId, study.id),
				eq(memberships.userId, user.id),
				inArray(memberships.role, [...roles])
			)
		)
		.get();
	if (!held) error(403, `This page is for the study's ${roles.join(' and ')}s.`);
	return { user, study };
}
