import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from './db';
import { memberships, users, type Role } from './db/schema';

export function getUserByEmail(tx: Tx, email: string) {
	return tx.select().from(users).where(eq(users.email, email.trim().toLowerCase())).get() ?? null;
}

export function getUser(tx: Tx, id: string) {
	return tx.select().from(users).where(eq(users.id, id)).get() ?? null;
}

/** Every role the person holds in any study (what the path gate checks). */
export function listUserRoles(tx: Tx, userId: string): Role[] {
	const rows = tx
		.selectDistinct({ role: memberships.role })
		.from(memberships)
		.where(eq(memberships.userId, userId))
		.all();
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
