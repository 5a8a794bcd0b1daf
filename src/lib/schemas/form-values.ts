import { z } from 'zod';
import { m } from '../paraglide/messages';

/**
 * Strict parsers for numbers and dates typed into forms. `Number()` and `z.coerce` accept far too
 * much: '' becomes 0, '0x3' becomes 3, ' 1e1 ' becomes 10, and `new Date('2099-02-30')` rolls over to
 * 2 March. These accept plain decimals and real calendar dates only.
 */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;

/** The number a plain decimal string names, or NaN for anything else ('', '0x3', '1e3', 'Infinity'). */
export function plainNumber(s: string): number {
	const t = s.trim();
	return DECIMAL.test(t) ? Number(t) : Number.NaN;
}

/** The name of what a field asks for, in the reader's language ("the CR threshold"), made when read. */
type What = () => string;

/** A plain decimal number ("0.1", "-2", "3."), required. */
export const formNumber = (what: What) =>
	z
		.string({ error: () => m.form_enter({ what: what() }) })
		.trim()
		.max(32, { error: () => m.form_enter_plain({ what: what() }) })
		.refine((s) => s !== '', { error: () => m.form_enter({ what: what() }) })
		.refine((s) => DECIMAL.test(s), { error: () => m.form_enter_plain_like({ what: what() }) })
		.transform(Number);

/** A whole number ("3", "-8"), required. */
export const formInt = (what: What) =>
	z
		.string({ error: () => m.form_enter({ what: what() }) })
		.trim()
		.max(16, { error: () => m.form_enter_whole({ what: what() }) })
		.refine((s) => s !== '', { error: () => m.form_enter({ what: what() }) })
		.refine((s) => INTEGER.test(s), { error: () => m.form_enter_whole({ what: what() }) })
		.transform(Number);

/** True when y-m-d names a real day of the Gregorian calendar. */
export function isCalendarDate(y: number, m: number, d: number): boolean {
	if (m < 1 || m > 12 || d < 1) return false;
	const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
	return d <= last;
}

/**
 * A date-time from a `datetime-local` input ("2026-12-31T17:00", optionally with seconds) or a
 * date ("2026-12-31", meaning 23:59 that day), read as UTC. Refuses impossible dates.
 */
export const formDateTime = z
	.string({ error: () => m.form_enter_date() })
	.trim()
	.max(32)
	.transform((s, ctx) => {
		const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
		if (!match) {
			ctx.addIssue({ code: 'custom', message: m.form_date_like() });
			return z.NEVER;
		}
		const [y, mo, d, h, mi, se] = match
			.slice(1)
			.map((v) => (v === undefined ? undefined : Number(v)));
		if (!isCalendarDate(y!, mo!, d!) || (h ?? 0) > 23 || (mi ?? 0) > 59 || (se ?? 0) > 59) {
			ctx.addIssue({ code: 'custom', message: m.form_not_a_date({ day: s.slice(0, 10) }) });
			return z.NEVER;
		}
		return h === undefined
			? new Date(Date.UTC(y!, mo! - 1, d!, 23, 59, 0))
			: new Date(Date.UTC(y!, mo! - 1, d!, h, mi!, se ?? 0));
	});
