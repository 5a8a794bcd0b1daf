import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { and, eq } from 'drizzle-orm';
import type { DB } from './db';
import { memberships, studies, type Role } from './db/schema';
import type { SessionUser } from './session';

type Event = Pick<RequestEvent, 'locals' | 'url'>;

/** Signed in, or sent to sign-in (and back here afterwards). */
export function requireUser(event: Event): SessionUser {
	const user = event.locals.user;
	if (!user)
		redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	return user;
}

/** Signed in and holding `role` in at least one study; otherwise 403. */
export function requireRole(event: Event, role: Role): SessionUser {
	const user = requireUser(event);
	if (!event.locals.roles.includes(role)) error(403, `This page is for ${role}s.`);
	return user;
}

/** Holding `role` in this very study (404 when the study does not exist, 403 when not a member). */
export function requireStudyRole(db: DB, event: Event, studyId: string, role: Role) {
	const user = requireRole(event, role);
	const study = db.select().from(studies).where(eq(studies.id, studyId)).get();
	if (!study) error(404, 'No such study.');
	const m = db
		.select()
		.from(memberships)
		.where(
			and(
				eq(memberships.studyId, studyId),
				eq(memberships.userId, user.id),
				eq(memberships.role, role)
			)
		)
		.get();
	if (!m) error(403, `You are not a ${role} of this study.`);
	return { user, study };
}

/** Whether a person holds `role` in a study (for what a page shows, not who may open it). */
export function holdsStudyRole(db: DB, studyId: string, userId: string, role: Role): boolean {
	return (
		db
			.select({ r: memberships.role })
			.from(memberships)
			.where(
				and(
					eq(memberships.studyId, studyId),
					eq(memberships.userId, userId),
					eq(memberships.role, role)
				)
			)
			.get() !== undefined
	);
}
