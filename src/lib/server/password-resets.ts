import { and, eq, isNull } from 'drizzle-orm';
import { appendAudit } from './audit';
import type { DB } from './db';
import { outbox, passwordResets, sessions, users } from './db/schema';
import { queueMail } from './mail';
import { generateId, generateToken, hashToken } from './tokens';

export const HOUR_MS = 60 * 60 * 1000;
export type ResetStatus = 'valid' | 'unknown' | 'used' | 'expired';

/** A coordinator issues a single-use reset link (24 h by default) for a person in their study. */
export function createPasswordReset(
	db: DB,
	opts: { userId: string; createdBy: string; studyId: string; origin: string; ttlHours?: number },
	now = Date.now()
) {
	const token = generateToken();
	const link = `${opts.origin.replace(/\/$/, '')}/reset/${token}`;
	return db.transaction((tx) => {
		const user = tx.select().from(users).where(eq(users.id, opts.userId)).get();
		if (!user) throw new Error(`no user ${opts.userId}`);
		// Only the newest link works.
		tx.update(passwordResets)
			.set({ usedAt: new Date(now) })
			.where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)))
			.run();
		const id = generateId();
		const expiresAt = new Date(now + (opts.ttlHours ?? 24) * HOUR_MS);
		tx.insert(passwordResets)
			.values({
				id,
				userId: user.id,
				tokenHash: hashToken(token),
				expiresAt,
				createdBy: opts.createdBy,
				createdAt: new Date(now)
			})
			.run();
		queueMail(tx, {
			to: user.email,
			kind: 'reset',
			relatedId: id,
			link,
			subject: 'Reset your Concord password',
			body: `Dear ${user.name},\n\nA coordinator has issued a link for you to set a new Concord password. It works once, within ${opts.ttlHours ?? 24} hours:\n${link}\n\n— Concord`
		});
		appendAudit(
			tx,
			{
				actorId: opts.createdBy,
				action: 'password_reset.create',
				studyId: opts.studyId,
				targetType: 'user',
				targetId: user.id
			},
			now
		);
		return { id, token, link, expiresAt };
	});
}

export function checkPasswordReset(db: DB, token: string, now = Date.now()) {
	if (!/^[a-z2-7]{16,64}$/.test(token)) return { status: 'unknown' as ResetStatus, reset: null };
	const reset =
		db
			.select()
			.from(passwordResets)
			.where(eq(passwordResets.tokenHash, hashToken(token)))
			.get() ?? null;
	if (!reset) return { status: 'unknown' as ResetStatus, reset: null };
	if (reset.usedAt) return { status: 'used' as ResetStatus, reset };
	if (reset.expiresAt.getTime() <= now) return { status: 'expired' as ResetStatus, reset };
	return { status: 'valid' as ResetStatus, reset };
}

/** Sets the new password, spends the link and signs the person out everywhere, in one transaction. */
export function consumePasswordReset(
	db: DB,
	token: string,
	passwordHash: string,
	now = Date.now()
): { userId: string } | { error: ResetStatus } {
	return db.transaction((tx) => {
		const reset = tx
			.select()
			.from(passwordResets)
			.where(eq(passwordResets.tokenHash, hashToken(token)))
			.get();
		if (!reset) return { error: 'unknown' as const };
		if (reset.usedAt) return { error: 'used' as const };
		if (reset.expiresAt.getTime() <= now) return { error: 'expired' as const };
		tx.update(passwordResets)
			.set({ usedAt: new Date(now) })
			.where(eq(passwordResets.id, reset.id))
			.run();
		tx.update(users).set({ passwordHash }).where(eq(users.id, reset.userId)).run();
		tx.delete(sessions).where(eq(sessions.userId, reset.userId)).run();
		tx.update(outbox).set({ link: null }).where(eq(outbox.relatedId, reset.id)).run();
		appendAudit(
			tx,
			{
				actorId: reset.userId,
				action: 'password_reset.use',
				targetType: 'user',
				targetId: reset.userId
			},
			now
		);
		return { userId: reset.userId };
	});
}
