import { eq } from 'drizzle-orm';
import type { DB } from './db';
import { rateLimits } from './db/schema';

/**
 * Password-attempt limiter (fixed window, then a block), per account and per client address.
 *
 * An attempt is counted *before* the password is verified, in one synchronous transaction with the
 * check: argon2 is asynchronous, so a limiter that checked first and counted after the hash let a
 * burst of parallel attempts through in full. A failure that reaches the limit starts the block; a
 * success clears the account's count and gives the address its attempt back — so a person who types
 * their password right is never slowed down.
 */
export type LimitPolicy = { maxFailures: number; windowMs: number; blockMs: number };
export type Limit = { key: string; policy: LimitPolicy };

export const SIGNIN_PER_ACCOUNT: LimitPolicy = {
	maxFailures: 5,
	windowMs: 15 * 60_000,
	blockMs: 15 * 60_000
};
export const SIGNIN_PER_ADDRESS: LimitPolicy = {
	maxFailures: 20,
	windowMs: 15 * 60_000,
	blockMs: 15 * 60_000
};

/** Keys of the rate_limits table are bounded: an email is at most 254 characters after validation. */
export const accountKey = (email: string) => `email:${email.slice(0, 254)}`;
export const addressKey = (ip: string) => `ip:${ip.slice(0, 64)}`;

/** The two limits every password check passes: the account's and the client address's. */
export function passwordLimits(email: string, ip: string): Limit[] {
	return [
		{ key: accountKey(email), policy: SIGNIN_PER_ACCOUNT },
		{ key: addressKey(ip), policy: SIGNIN_PER_ADDRESS }
	];
}

/** Seconds until `key` may try again, or 0 when it may try now. */
export function retryAfterSeconds(db: DB, key: string, now = Date.now()): number {
	const row = db.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
	if (!row?.blockedUntil) return 0;
	const left = row.blockedUntil.getTime() - now;
	return left > 0 ? Math.ceil(left / 1000) : 0;
}

export type AttemptVerdict =
	| { ok: true }
	| {
			ok: false;
			retryAfter: number;
			/** keys whose block this attempt started */ blocked: string[];
	  };

/**
 * Checks every limit and, when none blocks, counts the attempt against each — atomically. Call it
 * before verifying a password; follow with `attemptFailed` or `attemptSucceeded`.
 */
export function beginAttempt(db: DB, limits: readonly Limit[], now = Date.now()): AttemptVerdict {
	return db.transaction((tx) => {
		const rows = limits.map(
			(l) => tx.select().from(rateLimits).where(eq(rateLimits.key, l.key)).get() ?? null
		);
		const waits = rows.map((r) =>
			r?.blockedUntil && r.blockedUntil.getTime() > now
				? Math.ceil((r.blockedUntil.getTime() - now) / 1000)
				: 0
		);
		if (waits.some((w) => w > 0)) return { ok: false, retryAfter: Math.max(...waits), blocked: [] };
		const next = limits.map((l, k) => {
			const r = rows[k];
			const windowOpen = r && now - r.windowStart.getTime() < l.policy.windowMs;
			return {
				count: windowOpen ? r.count + 1 : 1,
				windowStart: windowOpen ? r.windowStart : new Date(now)
			};
		});
		const over = limits.filter((l, k) => next[k].count > l.policy.maxFailures);
		if (over.length) {
			for (const l of over) block(tx, l, now);
			return {
				ok: false,
				retryAfter: Math.ceil(Math.max(...over.map((l) => l.policy.blockMs)) / 1000),
				blocked: over.map((l) => l.key)
			};
		}
		limits.forEach((l, k) => {
			const values = { ...next[k], blockedUntil: null };
			tx.insert(rateLimits)
				.values({ key: l.key, ...values })
				.onConflictDoUpdate({ target: rateLimits.key, set: values })
				.run();
		});
		return { ok: true };
	});
}

function block(tx: Parameters<Parameters<DB['transaction']>[0]>[0], l: Limit, now: number) {
	const values = {
		count: 0,
		windowStart: new Date(now),
		blockedUntil: new Date(now + l.policy.blockMs)
	};
	tx.insert(rateLimits)
		.values({ key: l.key, ...values })
		.onConflictDoUpdate({ target: rateLimits.key, set: values })
		.run();
}

/** The password was wrong: a limit whose count has reached its maximum starts its block. Returns those keys. */
export function attemptFailed(db: DB, limits: readonly Limit[], now = Date.now()): string[] {
	return db.transaction((tx) => {
		const started: string[] = [];
		for (const l of limits) {
			const r = tx.select().from(rateLimits).where(eq(rateLimits.key, l.key)).get();
			if (r && !r.blockedUntil && r.count >= l.policy.maxFailures) {
				block(tx, l, now);
				started.push(l.key);
			}
		}
		return started;
	});
}

/** The password was right: the account starts afresh and the address gets its attempt back. */
export function attemptSucceeded(db: DB, limits: readonly Limit[]): void {
	db.transaction((tx) => {
		const [account, ...others] = limits;
		if (account) tx.delete(rateLimits).where(eq(rateLimits.key, account.key)).run();
		for (const l of others) {
			const r = tx.select().from(rateLimits).where(eq(rateLimits.key, l.key)).get();
			if (r && !r.blockedUntil && r.count > 0)
				tx.update(rateLimits)
					.set({ count: r.count - 1 })
					.where(eq(rateLimits.key, l.key))
					.run();
		}
	});
}
