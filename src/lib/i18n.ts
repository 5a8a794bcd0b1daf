/**
 * Which pages speak the reader's language, and which way they read. Every page's frame (the header,
 * the language picker, the footer) follows the reader's language. Every page is in English and
 * Chinese; the pages experts read (and the methodology appendix) are also in Arabic. An Arabic reader
 * of a staff page sees its content in English, left to right (marked `lang="en"` so that a screen
 * reader switches voice): staff messages (keys `staff_…`) have no Arabic and fall back to English.
 */
import type { Locale } from '$lib/paraglide/runtime';

/** Route ids whose content is translated into Arabic too (every route is in English and Chinese). */
export const ARABIC_ROUTES: ReadonlySet<string> = new Set([
	'/',
	'/logout',
	'/login',
	'/account',
	'/invite/[token]',
	'/reset/[token]',
	'/expert',
	'/expert/rounds/[roundId]',
	'/editions/[editionId]/appendix'
]);

/** The languages offered, each named in itself. */
export const LANGUAGES: readonly { code: Locale; name: string }[] = [
	{ code: 'en', name: 'English' },
	{ code: 'zh', name: '简体中文' },
	{ code: 'ar', name: 'العربية' }
];

/** The html `lang` attribute of a language. */
export const htmlLang = (locale: Locale): string => (locale === 'zh' ? 'zh-CN' : locale);

/** The reading direction of a language. */
export const textDirection = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

/** Whether a page's content is shown in the reader's language. */
export const contentTranslated = (locale: Locale, routeId: string | null): boolean =>
	locale !== 'ar' || (routeId !== null && ARABIC_ROUTES.has(routeId));

/** Staff-only messages: English and Chinese (Arabic falls back to English). */
export const isStaffMessage = (key: string): boolean => key.startsWith('staff_');
