import { and, eq, isNull } from 'drizzle-orm';
import { appendAudit } from './audit';
import { DomainError } from './errors';
import type { DB, Tx } from './db';
import { memberships, outbox, passwordResets, sessions, users } from './db/schema';
import { queueMail } from './mail';
import { m } from '../paraglide/messages';
import { generateId, generateToken, hashToken } from './tokens';

export const HOUR_MS = 60 * 60 * 1000;
export type ResetStatus = 'valid' | 'unknown' | 'used' | 'expired';

export class ResetRefused extends DomainError {
	constructor(message: string) {
		super(403, message);
	}
}

/**
 * May a coordinator of `studyId` obtain a reset link for this account? Only for an expert account
 * that belongs to that study alone: a link is a credential, and a coordinator must never obtain one
 * for an account that holds any role elsewhere, or any coordinator or author role at all (that would
 * let one study's coordinator sign in as another study's staff). Every other account is recovered by
 * the person who runs the server (`npm run account -- reset <email>`).
 */
export function coordinatorMayReset(tx: Tx, studyId: string, userId: string): boolean {
	const user = tx.select().from(users).where(eq(users.id, userId)).get();
	if (!user || user.canCreateStudies) return false;
	const held = tx.select().from(memberships).where(eq(memberships.userId, userId)).all();
	return held.length > 0 && held.every((m) => m.studyId === studyId && m.role === 'expert');
}

type ResetIssuer = { by: 'coordinator'; createdBy: string; studyId: string } | { by: 'operator' };

/**
 * Issues a single-use reset link (24 h by default). A coordinator may do so only where
 * `coordinatorMayReset` allows (checked inside the transaction); the link is mailed and — while no
 * SMTP is configured — shown to the coordinator to pass on. The operator's link is printed by the
 * command and never stored in the outbox.
 */
export function createPasswordReset(
	db: DB,
	opts: { userId: string; origin: string; ttlHours?: number; issuer: ResetIssuer },
	now = Date.now()
) {
	const token = generateToken();
	const link = `${opts.origin.replace(/\/$/, '')}/reset/${token}`;
	const issuer = opts.issuer;
	return db.transaction((tx) => {
		const user = tx.select().from(users).where(eq(users.id, opts.userId)).get();
		if (!user) throw new ResetRefused('No such account.');
		if (issuer.by === 'coordinator' && !coordinatorMayReset(tx, issuer.studyId, user.id))
			throw new ResetRefused(
				'A coordinator can re-issue a sign-in link only for an expert who is on this study alone. ' +
					'Ask the person who runs Concord to reset other accounts (npm run account -- reset <email>).'
			);
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
				createdBy: issuer.by === 'coordinator' ? issuer.createdBy : null,
				createdAt: new Date(now)
			})
			.run();
		if (issuer.by === 'coordinator')
			queueMail(tx, {
				to: user.email,
				kind: 'reset',
				relatedId: id,
				link,
				// In the person's own language (their account's).
				subject: m.mail_reset_subject({}, { locale: user.locale }),
				body: m.mail_reset_body(
					{ name: user.name, hours: opts.ttlHours ?? 24, link },
					{ locale: user.locale }
				)
			});
		appendAudit(
			tx,
			{
				actorId: issuer.by === 'coordinator' ? issuer.createdBy : null,
				action: 'password_reset.create',
				studyId: issuer.by === 'coordinator' ? issuer.studyId : null,
				targetType: 'user',
				targetId: user.id,
				after: { by: issuer.by, expiresAt }
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
