import { hash, verify } from '@node-rs/argon2';
import { appendAudit } from './audit';
import type { DB } from './db';
import { attemptFailed, attemptSucceeded, beginAttempt, passwordLimits } from './rate-limit';

/** argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane); @node-rs/argon2 defaults to argon2id. */
const OPTIONS = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash of nothing anyone knows: verifying against it keeps "no such account" as slow as "wrong password". */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword(crypto.randomUUID());
	return decoy;
}

export type PasswordCheck = { ok: true } | { ok: false; retryAfter?: number };

/**
 * Verifies a password under the per-account and per-address limits: the attempt is counted before
 * argon2 runs (see rate-limit.ts), so parallel attempts cannot outrun the limit. A block that starts
 * is audited (the email is bounded by its schema, so the row stays small).
 */
export async function checkPasswordLimited(
	db: DB,
	o: { email: string; ip: string; passwordHash: string | null; password: string },
	now = Date.now()
): Promise<PasswordCheck> {
	const limits = passwordLimits(o.email, o.ip);
	const verdict = beginAttempt(db, limits, now);
	if (!verdict.ok) {
		auditBlocks(db, verdict.blocked, o.email, o.ip);
		return { ok: false, retryAfter: verdict.retryAfter };
	}
	const ok = o.passwordHash
		? await verifyPassword(o.passwordHash, o.password)
		: (await verifyPassword(await decoyHash(), o.password), false);
	if (ok) {
		attemptSucceeded(db, limits);
		return { ok: true };
	}
	auditBlocks(db, attemptFailed(db, limits), o.email, o.ip);
	return { ok: false };
}

function auditBlocks(db: DB, keys: string[], email: string, ip: string) {
	for (const key of keys) {
		const account = key.startsWith('email:');
		appendAudit(db, {
			actorId: null,
			action: 'auth.signin_blocked',
			targetType: account ? 'account' : 'address',
			targetId: account ? email : ip,
			after: { email, ip },
			ip
		});
	}
}
