import { eq } from 'drizzle-orm';
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
