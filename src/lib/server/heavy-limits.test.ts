import { describe, expect, it } from 'vitest';
import { HEAVY_LIMITS, heavyWait } from './heavy-limits';

describe('per-session limits on heavy work', () => {
	it('allows the limit in a minute, then says how long to wait; another session is not affected', () => {
		const t0 = 1_000_000;
		const n = HEAVY_LIMITS.export.perMinute;
		for (let i = 0; i < n; i++) expect(heavyWait('s1', 'export', t0 + i * 100)).toBe(0);
		const wait = heavyWait('s1', 'export', t0 + n * 100);
		expect(wait).toBeGreaterThan(0);
		expect(wait).toBeLessThanOrEqual(60);
		expect(heavyWait('s2', 'export', t0 + n * 100)).toBe(0);
		expect(heavyWait('s1', 'appendix', t0 + n * 100)).toBe(0);
		// Once the oldest falls out of the minute, one more is allowed.
		expect(heavyWait('s1', 'export', t0 + 60_001)).toBe(0);
		expect(heavyWait('s1', 'export', t0 + 60_002)).toBeGreaterThan(0);
	});
});
