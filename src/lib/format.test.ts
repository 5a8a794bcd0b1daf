import { describe, expect, it } from 'vitest';
import { dateLong, dateTime, num, pct } from './format';

describe('one way to show numbers and dates', () => {
	it('numbers and percentages, with a dash for what is missing', () => {
		expect(num(0.89312)).toBe('0.893');
		expect(num(2, 1)).toBe('2.0');
		expect(pct(0.25)).toBe('25.0 %');
		expect(pct(0.756, 0)).toBe('76 %');
		for (const x of [null, undefined, Number.NaN]) {
			expect(num(x)).toBe('—');
			expect(pct(x)).toBe('—');
		}
	});

	it('dates in the reader’s language', () => {
		const d = new Date('2026-12-09T12:00:00Z');
		expect(dateLong(d, 'en')).toMatch(/9 December 2026/);
		expect(dateLong(d, 'zh')).toMatch(/2026年12月9日/);
		// Arabic month names with Western digits, as the release's tables print numbers.
		expect(dateLong(d, 'ar')).toMatch(/9 ديسمبر 2026/);
		expect(dateLong(d, 'ar')).not.toMatch(/[٠-٩]/);
		expect(dateTime(d, 'en')).toMatch(/9 Dec 2026/);
		expect(dateLong(null)).toBe('—');
	});
});
