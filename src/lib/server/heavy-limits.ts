/**
 * Per-session limits on the heavy endpoints (downloads, the edition review, the appendix): one person
 * cannot keep the server busy for everyone else. A sliding minute per session and kind of work; over
 * the limit, a 429 with Retry-After and a sentence that says when to try again. In memory: one
 * process serves one panel (see the README), and a restart forgets nothing that matters.
 */
import { error, type RequestEvent } from '@sveltejs/kit';

export const HEAVY_LIMITS = {
	export: { perMinute: 20, what: 'downloads' },
	review: { perMinute: 30, what: 'edition reviews' },
	appendix: { perMinute: 30, what: 'appendix views' }
} as const;
export type HeavyKind = keyof typeof HEAVY_LIMITS;

const seen = new Map<string, number[]>();

/** Seconds to wait before this session may do `kind` again, or 0 when it may now (and counts it). */
export function heavyWait(sessionId: string, kind: HeavyKind, now = Date.now()): number {
	const key = `${kind}:${sessionId}`;
	const window = (seen.get(key) ?? []).filter((t) => t > now - 60_000);
	if (window.length >= HEAVY_LIMITS[kind].perMinute) {
		seen.set(key, window);
		return Math.max(1, Math.ceil((window[0] + 60_000 - now) / 1000));
	}
	window.push(now);
	seen.set(key, window);
	if (seen.size > 10_000)
		for (const [k, v] of seen) if (v.every((t) => t <= now - 60_000)) seen.delete(k);
	return 0;
}

/** Throws a 429 (with Retry-After) when the session is over its limit for `kind`. */
export function limitHeavy(event: RequestEvent, kind: HeavyKind): void {
	const session = event.locals.session?.id ?? `ip:${event.getClientAddress()}`;
	const wait = heavyWait(session, kind);
	if (!wait) return;
	event.setHeaders({ 'retry-after': String(wait) });
	error(
		429,
		`Too many ${HEAVY_LIMITS[kind].what} in a minute (at most ${HEAVY_LIMITS[kind].perMinute}). Try again in ${wait} s.`
	);
}
