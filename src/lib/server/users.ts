import { and, asc, eq, sql } from 'drizzle-orm';
import { appendAudit } from './audit';
import { prepared, type DB, type Tx } from './db';
import { memberships, users, type Locale, type Role } from './db/schema';

export function getUserByEmail(tx: Tx, email: string) {
	return tx.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get() ?? null;
}

export function getUser(tx: Tx, id: string) {
	return tx.select().from(users).where(eq(users.id, id)).get() ?? null;
}

/** Every role the person holds in any study (what the path gate checks). */
// Every signed-in request asks this: built once per connection.
const rolesQuery = prepared((tx) =>
	tx
		.selectDistinct({ role: memberships.role })
		.from(memberships)
		.where(eq(memberships.userId, sql.placeholder('userId')))
		.prepare()
);

export function listUserRoles(tx: Tx, userId: string): Role[] {
	const rows = rolesQuery(tx).all({ userId });
	const held = new Set(rows.map((r) => r.role));
	return (['coordinator', 'author', 'expert'] as const).filter((r) => held.has(r));
}

export function addMembership(tx: Tx, studyId: string, userId: string, role: Role): void {
	tx.insert(memberships).values({ studyId, userId, role }).onConflictDoNothing().run();
}

/** A study's members with their roles (staff and experts), by role then name. */
export function listStudyMembers(tx: Tx, studyId: string) {
	return tx
		.select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.studyId, studyId))
		.orderBy(asc(memberships.role), asc(users.name))
		.all();
}

/** Whether the person with this email already holds `role` in the study. */
export function isStudyMember(tx: Tx, studyId: string, email: string, role: Role): boolean {
	return (
		tx
			.select({ id: users.id })
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(
				and(
					eq(memberships.studyId, studyId),
					eq(users.email, email.trim().toLowerCase()),
					eq(memberships.role, role)
				)
			)
			.get() !== undefined
	);
}

/** The person's language for the expert pages, remembered and audited. */
export function setLocale(db: DB, user: { id: string; locale: string }, locale: Locale): void {
	if (locale === user.locale) return;
	db.transaction((tx) => {
		tx.update(users).set({ locale }).where(eq(users.id, user.id)).run();
		appendAudit(tx, {
			actorId: user.id,
			action: 'account.locale',
			targetType: 'user',
			targetId: user.id,
			before: { locale: user.locale },
			after: { locale }
		});
	});
}

/** The person's own name and language, audited with what they were. */
export function updateProfile(
	db: DB,
	user: { id: string; name: string; locale: string },
	profile: { name: string; locale: Locale }
): void {
	db.transaction((tx) => {
		tx.update(users).set(profile).where(eq(users.id, user.id)).run();
		appendAudit(tx, {
			actorId: user.id,
			action: 'account.update',
			targetType: 'user',
			targetId: user.id,
			before: { name: user.name, locale: user.locale },
			after: profile
		});
	});
}

/** A new password hash for the person's own account (the caller has verified the current one). */
export function changePassword(db: DB, userId: string, passwordHash: string): void {
	db.transaction((tx) => {
		tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
		appendAudit(tx, {
			actorId: userId,
			action: 'account.password_change',
			targetType: 'user',
			targetId: userId
		});
	});
}
