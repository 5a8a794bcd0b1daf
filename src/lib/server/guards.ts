import { m } from '$lib/paraglide/messages';
/**
 * Authorisation, in one place: "may this person do X in this study / edition?" Every load and action
 * calls one of these (the path gate in hooks.server.ts is the first wall, these the second). Roles are
 * per study: each check loads the study (or edition) the id names and the person's role in it.
 */
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { and, eq, inArray } from 'drizzle-orm';
import { currentSettings } from './studies';
import { getDb, type DB } from './db';
import { editions, memberships, studies, type Role } from './db/schema';
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
	if (!event.locals.roles.includes(role)) error(403, m.error_forbidden());
	return user;
}

function rolesIn(db: DB, studyId: string, userId: string): Role[] {
	return db
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.studyId, studyId), eq(memberships.userId, userId)))
		.all()
		.map((r) => r.role);
}

/** Whether a person holds `role` in a study (for what a page shows, not who may open it). */
export function holdsStudyRole(db: DB, studyId: string, userId: string, role: Role): boolean {
	return rolesIn(db, studyId, userId).includes(role);
}

/** Holding `role` in this very study (404 when the study does not exist, 403 when not a member). */
export function requireStudyRole(db: DB, event: Event, studyId: string, role: Role) {
	const user = requireRole(event, role);
	const study = db.select().from(studies).where(eq(studies.id, studyId)).get();
	if (!study) error(404, m.error_no_study());
	if (!holdsStudyRole(db, study.id, user.id, role)) error(403, m.error_forbidden());
	return { user, study };
}

/** The coordinator of the study in the route's path (every /coordinator/studies/[studyId] page). */
export function requireCoordinator(event: Event & { params: { studyId: string } }) {
	return requireStudyRole(getDb(), event, event.params.studyId, 'coordinator');
}

/** A study, for a member holding one of `roles` in it (404 / 403 otherwise). */
export function requireStudyMember(db: DB, event: Event, studyId: string, roles: readonly Role[]) {
	const user = requireUser(event);
	const study = db.select().from(studies).where(eq(studies.id, studyId)).get();
	if (!study) error(404, m.error_no_study());
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
	if (!held) error(403, m.error_forbidden());
	return { user, study };
}

/** An edition, for a member of its study holding one of `roles` (404 / 403 otherwise). */
export function requireEditionMember(
	db: DB,
	event: Event,
	editionId: string,
	roles: readonly Role[]
) {
	const edition = db.select().from(editions).where(eq(editions.id, editionId)).get();
	if (!edition) {
		requireUser(event);
		error(404, m.error_no_edition());
	}
	const { user } = requireStudyMember(db, event, edition.studyId, roles);
	return { user, edition };
}

/** The ranking preview: coordinators and authors of the study; its experts only when the study enables it. */
export function requirePreviewAccess(db: DB, event: Event & { params: { studyId: string } }) {
	const user = requireUser(event);
	const study = db.select().from(studies).where(eq(studies.id, event.params.studyId)).get();
	if (!study) error(404, m.error_no_study());
	const roles = rolesIn(db, study.id, user.id);
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
