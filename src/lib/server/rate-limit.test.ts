import { describe, expect, it } from 'vitest';
import * as t from './db/schema';
import { checkPasswordLimited, hashPassword } from './password';
import {
	attemptFailed,
	attemptSucceeded,
	beginAttempt,
	retryAfterSeconds,
	type Limit,
	type LimitPolicy
} from './rate-limit';
import { createTestDb } from './testing/db';

const policy: LimitPolicy = { maxFailures: 3, windowMs: 60_000, blockMs: 120_000 };
const limit = (key: string): Limit[] => [{ key, policy }];

/** One failed attempt the way a caller makes it: counted first, then reported as failed. */
function fail(db: ReturnType<typeof createTestDb>, key: string, now: number) {
	const v = beginAttempt(db, limit(key), now);
	return v.ok ? attemptFailed(db, limit(key), now).length > 0 : 'refused';
}

describe('rate limiting of password attempts', () => {
	it('blocks after the allowed failures within the window, for the block time', () => {
		const db = createTestDb();
		const t0 = 1_000_000;
		expect(fail(db, 'email:a', t0)).toBe(false);
		expect(fail(db, 'email:a', t0 + 1000)).toBe(false);
		expect(retryAfterSeconds(db, 'email:a', t0 + 2000)).toBe(0);
		expect(fail(db, 'email:a', t0 + 2000)).toBe(true);
		expect(retryAfterSeconds(db, 'email:a', t0 + 2000)).toBe(120);
		expect(beginAttempt(db, limit('email:a'), t0 + 3000)).toMatchObject({ ok: false });
		expect(retryAfterSeconds(db, 'email:a', t0 + 2000 + 119_500)).toBe(1);
		expect(retryAfterSeconds(db, 'email:a', t0 + 2000 + 120_000)).toBe(0);
		expect(beginAttempt(db, limit('email:a'), t0 + 2000 + 120_000)).toEqual({ ok: true });
		// other keys are not affected
		expect(retryAfterSeconds(db, 'email:b', t0 + 2000)).toBe(0);
	});

	it('forgets failures outside the window', () => {
		const db = createTestDb();
		fail(db, 'ip:1', 0);
		fail(db, 'ip:1', 1000);
		expect(fail(db, 'ip:1', 70_000)).toBe(false);
		expect(fail(db, 'ip:1', 71_000)).toBe(false);
		expect(fail(db, 'ip:1', 72_000)).toBe(true);
	});

	it('a success clears the account and gives the address its attempt back', () => {
		const db = createTestDb();
		const both: Limit[] = [
			{ key: 'email:c', policy },
			{ key: 'ip:c', policy }
		];
		fail(db, 'email:c', 0);
		fail(db, 'email:c', 0);
		expect(beginAttempt(db, both, 0)).toEqual({ ok: true });
		attemptSucceeded(db, both);
		expect(fail(db, 'email:c', 0)).toBe(false);
		const ip = db
			.select()
			.from(t.rateLimits)
			.all()
			.find((r) => r.key === 'ip:c')!;
		expect(ip.count).toBe(0);
	});

	it('attempts are counted before the check completes, so more than the limit are never checked', () => {
		const db = createTestDb();
		const verdicts = Array.from({ length: 10 }, () => beginAttempt(db, limit('email:burst'), 0));
		expect(verdicts.filter((v) => v.ok)).toHaveLength(3);
	});
});

describe('a burst of parallel sign-ins cannot outrun the limit', () => {
	it('30 parallel wrong passwords verify at most 5 times, and a right one at the end is refused', async () => {
		const db = createTestDb();
		const passwordHash = await hashPassword('the-right-password');
		const attempt = (password: string) =>
			checkPasswordLimited(db, {
				email: 'victim@test.org',
				ip: '10.0.0.9',
				passwordHash,
				password
			});
		const results = await Promise.all([
			...Array.from({ length: 29 }, (_, i) => attempt(`guess-${i}`)),
			attempt('the-right-password')
		]);
		expect(results.at(-1)).toMatchObject({ ok: false });
		expect(results.filter((r) => r.ok)).toHaveLength(0);
		// 5 were checked (and failed); the other 25 were refused before argon2 ran.
		expect(results.filter((r) => !r.ok && !r.retryAfter)).toHaveLength(5);
		expect(results.filter((r) => !r.ok && r.retryAfter)).toHaveLength(25);
		const blocks = db
			.select()
			.from(t.auditLog)
			.all()
			.filter((a) => a.action === 'auth.signin_blocked');
		expect(blocks.length).toBeGreaterThanOrEqual(1);
	}, 30_000);
});
