import { describe, expect, it } from 'vitest';
import { formDateTime, formInt, formNumber, isCalendarDate, plainNumber } from './form-values';

describe('strict form values', () => {
	it('numbers: plain decimals only', () => {
		expect(formNumber(() => 'x').parse(' 0.5 ')).toBe(0.5);
		expect(formInt(() => 'x').parse('-8')).toBe(-8);
		for (const bad of ['', ' ', '0x3', '1e3', 'Infinity', 'NaN', '3 4', '1'.repeat(40)])
			expect(formNumber(() => 'x').safeParse(bad).success).toBe(false);
		for (const bad of ['', '2.5', '0x3', '+'])
			expect(formInt(() => 'x').safeParse(bad).success).toBe(false);
		expect(plainNumber('0x3')).toBeNaN();
		expect(plainNumber('-2.25')).toBe(-2.25);
	});

	it('dates: real calendar days only, read as UTC', () => {
		expect(isCalendarDate(2024, 2, 29)).toBe(true);
		expect(isCalendarDate(2099, 2, 30)).toBe(false);
		expect(formDateTime.safeParse('2099-02-30').success).toBe(false);
		expect(formDateTime.safeParse('2099-13-01T10:00').success).toBe(false);
		expect(formDateTime.safeParse('2099-01-01T24:00').success).toBe(false);
		expect(formDateTime.parse('2099-03-01').toISOString()).toBe('2099-03-01T23:59:00.000Z');
		expect(formDateTime.parse('2099-03-01T17:30').toISOString()).toBe('2099-03-01T17:30:00.000Z');
	});
});
