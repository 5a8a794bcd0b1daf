/**
 * Per-session limits on the heavy endpoints (downloads, the edition review, the appendix): one person
 * cannot keep the server busy for everyone else. A minute per session and kind of work, from the
 * first request; over the limit, a 429 with Retry-After and a sentence, in the reader's language,
 * that says when to try again. The counts are kept in the database (the rate_limits table the
 * sign-in limiter uses), so every thread and process that answers a session counts against the same
 * limit — reads are answered by render threads (render-pool.ts), the preview's workbook by the main
 * thread, and a page asked while a thread starts by the main thread too.
 */
import { m } from '$lib/paraglide/messages';
import { error, type RequestEvent } from '@sveltejs/kit';
import { and, eq, like, lt, sql } from 'drizzle-orm';
import { getDb, type DB } from './db';
import { rateLimits } from './db/schema';

export const HEAVY_LIMITS = {
	export: { perMinute: 20, refusal: m.staff_err_too_many_export },
	review: { perMinute: 30, refusal: m.staff_err_too_many_review },
	appendix: { perMinute: 30, refusal: m.staff_err_too_many_appendix }
} as const;
export type HeavyKind = keyof typeof HEAVY_LIMITS;

const MINUTE = 60_000;
const PREFIX = 'heavy:';

/**
 * Seconds to wait before this session may do `kind` again, or 0 when it may now (and counts it) —
 * checked and counted in one transaction that takes the write lock first, so parallel requests
 * (from any thread) cannot all slip under the limit.
 */
export function heavyWait(db: DB, sessionKey: string, kind: HeavyKind, now = Date.now()): number {
	const key = `${PREFIX}${kind}:${sessionKey.slice(0, 200)}`;
	const limit = HEAVY_LIMITS[kind].perMinute;
	return db.transaction(
		(tx) => {
			const row = tx.select().from(rateLimits).where(eq(rateLimits.key, key)).get();
			const open = row !== undefined && now - row.windowStart.getTime() < MINUTE;
			if (open && row.count >= limit)
				return Math.max(1, Math.ceil((row.windowStart.getTime() + MINUTE - now) / 1000));
			// Windows that have ended are forgotten (the table stays as small as the sessions at work).
			tx.delete(rateLimits)
				.where(
					and(
						like(rateLimits.key, `${PREFIX}%`),
						lt(rateLimits.windowStart, new Date(now - MINUTE))
					)
				)
				.run();
			tx.insert(rateLimits)
				.values({ key, count: 1, windowStart: new Date(now), blockedUntil: null })
				.onConflictDoUpdate({
					target: rateLimits.key,
					set: open
						? { count: sql`${rateLimits.count} + 1` }
						: { count: 1, windowStart: new Date(now) }
				})
				.run();
			return 0;
		},
		{ behavior: 'immediate' }
	);
}

/** Throws a 429 (with Retry-After) when the session is over its limit for `kind`. */
export function limitHeavy(event: RequestEvent, kind: HeavyKind, db: DB = getDb()): void {
	const session = event.locals.session?.id ?? `ip:${event.getClientAddress()}`;
	const wait = heavyWait(db, session, kind);
	if (!wait) return;
	event.setHeaders({ 'retry-after': String(wait) });
	// In the reader's language (the request's locale).
	error(429, HEAVY_LIMITS[kind].refusal({ limit: HEAVY_LIMITS[kind].perMinute, wait }));
}
