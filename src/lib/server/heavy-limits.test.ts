import type { HttpError, RequestEvent } from '@sveltejs/kit';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locale } from '$lib/paraglide/runtime';
import { openDatabase } from './db';
import { HEAVY_LIMITS, heavyWait, limitHeavy } from './heavy-limits';
import { runInLocale } from './locale-store';

describe('per-session limits on heavy work', () => {
	it('allows the limit in a minute, then says how long to wait; another session is not affected', () => {
		const db = openDatabase(':memory:');
		const t0 = 1_000_000;
		const n = HEAVY_LIMITS.export.perMinute;
		for (let i = 0; i < n; i++) expect(heavyWait(db, 's1', 'export', t0 + i * 100)).toBe(0);
		expect(heavyWait(db, 's1', 'export', t0 + n * 100)).toBe(58); // the minute from the first
		expect(heavyWait(db, 's1', 'export', t0 + 59_500)).toBe(1);
		expect(heavyWait(db, 's2', 'export', t0 + n * 100)).toBe(0);
		expect(heavyWait(db, 's1', 'appendix', t0 + n * 100)).toBe(0);
		// A minute after the first, the session starts a new minute.
		for (let i = 0; i < n; i++) expect(heavyWait(db, 's1', 'export', t0 + 60_000 + i)).toBe(0);
		expect(heavyWait(db, 's1', 'export', t0 + 60_000 + n)).toBeGreaterThan(0);
	});

	it('counts every connection against one limit, and forgets minutes that have ended', () => {
		// Two connections to one file: the main thread's and a render thread's.
		const dir = mkdtempSync(join(tmpdir(), 'concord-heavy-'));
		const one = openDatabase(`${dir}/limits.db`);
		const two = openDatabase(`${dir}/limits.db`);
		const t0 = 2_000_000;
		const n = HEAVY_LIMITS.review.perMinute;
		for (let i = 0; i < n; i++)
			expect(heavyWait(i % 2 ? one : two, 'shared', 'review', t0 + i)).toBe(0);
		expect(heavyWait(one, 'shared', 'review', t0 + n)).toBeGreaterThan(0);
		expect(heavyWait(two, 'shared', 'review', t0 + n)).toBeGreaterThan(0);
		heavyWait(one, 'later', 'review', t0 + 2 * 60_000);
		const keys = one.$client.prepare("SELECT key FROM rate_limits WHERE key LIKE 'heavy:%'").all();
		expect(keys).toEqual([{ key: 'heavy:review:later' }]);
		one.$client.close();
		two.$client.close();
		rmSync(dir, { recursive: true, force: true });
	});
});

describe('the refusal', () => {
	const headers: Record<string, string>[] = [];
	const event = (session: string) =>
		({
			locals: { session: { id: session } },
			getClientAddress: () => '127.0.0.1',
			setHeaders: (h: Record<string, string>) => headers.push(h)
		}) as unknown as RequestEvent;

	it('is a 429 with Retry-After and a sentence in the reader’s language', () => {
		const db = openDatabase(':memory:');
		expect.assertions(6);
		for (const [session, locale, words] of [
			['r-en', 'en', /Too many edition reviews in a minute \(at most 30\)\. Try again in \d+ s\./],
			['r-zh', 'zh', /一分钟内打开版本审阅的次数过多（最多 30 次）。请在 \d+ 秒后重试。/]
		] as const) {
			try {
				runInLocale(locale as Locale, () => {
					for (let i = 0; i <= HEAVY_LIMITS.review.perMinute; i++)
						limitHeavy(event(session), 'review', db);
				});
			} catch (e) {
				expect((e as HttpError).status).toBe(429);
				expect((e as HttpError).body.message).toMatch(words);
				expect(Number(headers.at(-1)!['retry-after'])).toBeGreaterThan(0);
			}
		}
	});
});
