import { eq } from 'drizzle-orm';
import type { DB } from './db';
import { rateLimits } from './db/schema';

/**
 * Failed-attempt limiter (fixed window, then a block). Checked before the attempt, consumed only on
 * failure, cleared on success — so a person who types their password right is never slowed down.
 */
export type LimitPolicy = { maxFailures: number; windowMs: number; blockMs: number };

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

/** Seconds until `key` may try again, or 0 when it may try now. */
export function retryAfterSeconds(db: DB, key: string, now = Date.now()): number {
	const row = db.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
	if (!row?.blockedUntil) return 0;
	const left = row.blockedUntil.getTime() - now;
	return left > 0 ? Math.ceil(left / 1000) : 0;
}

/** Records one failure; returns true when this failure starts a block. */
export function recordFailure(db: DB, key: string, policy: LimitPolicy, now = Date.now()): boolean {
	return db.transaction((tx) => {
		const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
		const windowOpen = row && now - row.windowStart.getTime() < policy.windowMs;
		const count = windowOpen ? row.count + 1 : 1;
		const windowStart = windowOpen ? row.windowStart : new Date(now);
		const blocked = count >= policy.maxFailures;
		const values = {
			count: blocked ? 0 : count,
			windowStart: blocked ? new Date(now) : windowStart,
			blockedUntil: blocked ? new Date(now + policy.blockMs) : (row?.blockedUntil ?? null)
		};
		tx.insert(rateLimits)
			.values({ key, ...values })
			.onConflictDoUpdate({ target: rateLimits.key, set: values })
			.run();
		return blocked;
	});
}

export function clearFailures(db: DB, key: string): void {
	db.delete(rateLimits).where(eq(rateLimits.key, key)).run();
}
