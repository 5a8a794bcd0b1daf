/**
 * Numbers, percentages and dates as every page shows them — one module, so that a figure or a date
 * reads the same on every page. Missing values are an em dash. Dates follow the reader's language
 * through Intl ('en' → en-GB, 'zh' → zh-CN, 'ar' → Arabic with Western digits, as the release's
 * tables print them).
 */
import { getLocale } from './paraglide/runtime';

/** A reader's language; dates default to the language the page is rendered in. */
export type Lang = 'en' | 'zh' | 'ar';
const LOCALE: Record<Lang, string> = { en: 'en-GB', zh: 'zh-CN', ar: 'ar-u-nu-latn' };

/** A number with `d` decimals (3 by default): 0.893. */
export const num = (x: number | null | undefined, d = 3): string =>
	x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d);

/** A share as a percentage with `d` decimals (1 by default): 25.0 %. */
export const pct = (x: number | null | undefined, d = 1): string =>
	x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(d)} %`;

// One Intl formatter per language and style, made once: toLocaleString builds a new one per call,
// which dominated the cockpit's render (a date per expert row).
const STYLES = {
	dateTime: { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' },
	dateLong: { day: 'numeric', month: 'long', year: 'numeric' },
	dateLongWeekday: { weekday: 'short', day: 'numeric', month: 'long', year: 'numeric' },
	clockTime: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
	dateMedium: { day: 'numeric', month: 'short', year: 'numeric' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;
const formatters = new Map<string, Intl.DateTimeFormat>();
function format(style: keyof typeof STYLES, lang: Lang, d: Date | string | number): string {
	const key = `${style}:${lang}`;
	let f = formatters.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(LOCALE[lang], STYLES[style]);
		formatters.set(key, f);
	}
	return f.format(new Date(d));
}

/** A moment, to the minute: 2 Dec 2026, 14:05. */
export const dateTime = (d: Date | string | null | undefined, lang: Lang = getLocale()): string =>
	d ? format('dateTime', lang, d) : '—';

/** A day, written out: 9 December 2026 (with the weekday when asked: Wed 9 December 2026). */
export const dateLong = (
	d: Date | string | null | undefined,
	lang: Lang = getLocale(),
	o: { weekday?: boolean } = {}
): string => (d ? format(o.weekday ? 'dateLongWeekday' : 'dateLong', lang, d) : '—');

/** A time of day, to the second: 14:05:09. */
export const clockTime = (
	d: Date | string | number | null | undefined,
	lang: Lang = getLocale()
): string => (d === null || d === undefined ? '—' : format('clockTime', lang, d));

/** A day, short: 9 Dec 2026. */
export const dateMedium = (
	d: Date | string | null | undefined,
	lang: Lang = getLocale()
): string => (d ? format('dateMedium', lang, d) : '—');
