import { describe, expect, it } from 'vitest';
import { clearFailures, recordFailure, retryAfterSeconds, type LimitPolicy } from './rate-limit';
import { createTestDb } from './testing/db';

const policy: LimitPolicy = { maxFailures: 3, windowMs: 60_000, blockMs: 120_000 };

describe('rate limiting of failed sign-ins', () => {
	it('blocks after the allowed failures within the window, for the block time', () => {
		const db = createTestDb();
		const t0 = 1_000_000;
		expect(recordFailure(db, 'email:a', policy, t0)).toBe(false);
		expect(recordFailure(db, 'email:a', policy, t0 + 1000)).toBe(false);
		expect(retryAfterSeconds(db, 'email:a', t0 + 2000)).toBe(0);
		expect(recordFailure(db, 'email:a', policy, t0 + 2000)).toBe(true);
		expect(retryAfterSeconds(db, 'email:a', t0 + 2000)).toBe(120);
		expect(retryAfterSeconds(db, 'email:a', t0 + 2000 + 119_500)).toBe(1);
		expect(retryAfterSeconds(db, 'email:a', t0 + 2000 + 120_000)).toBe(0);
		// other keys are not affected
		expect(retryAfterSeconds(db, 'email:b', t0 + 2000)).toBe(0);
	});

	it('forgets failures outside the window', () => {
		const db = createTestDb();
		recordFailure(db, 'ip:1', policy, 0);
		recordFailure(db, 'ip:1', policy, 1000);
		expect(recordFailure(db, 'ip:1', policy, 70_000)).toBe(false);
		expect(recordFailure(db, 'ip:1', policy, 71_000)).toBe(false);
		expect(recordFailure(db, 'ip:1', policy, 72_000)).toBe(true);
	});

	it('clears on success', () => {
		const db = createTestDb();
		recordFailure(db, 'email:c', policy, 0);
		recordFailure(db, 'email:c', policy, 0);
		clearFailures(db, 'email:c');
		expect(recordFailure(db, 'email:c', policy, 0)).toBe(false);
	});
});
