import { error, type RequestEvent } from '@sveltejs/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { getDb } from './db';
import { editions, memberships, type Role } from './db/schema';
import { requireUser } from './guards';

/** An edition, for a member of its study holding one of `roles` (404 / 403 otherwise). */
export function requireEditionRole(
	event: Pick<RequestEvent, 'locals' | 'url'>,
	editionId: string,
	roles: readonly Role[]
) {
	const user = requireUser(event);
	const db = getDb();
	const edition = db.select().from(editions).where(eq(editions.id, editionId)).get();
	if (!edition) error(404, 'No such edition.');
	const held = db
		.select()
		.from(memberships)
		.where(
			and(
				eq(memberships.studyId, edition.studyId),
				eq(memberships.userId, user.id),
				inArray(memberships.role, [...roles])
			)
		)
		.get();
	if (!held) error(403, `This page is for the study's ${roles.join(' and ')}s.`);
	return { user, edition };
}
