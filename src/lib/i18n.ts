/**
 * Which pages speak the reader's language, and which way they read. Every page's frame (the header,
 * the language picker, the footer) follows the reader's language; a page's own content is translated
 * into Chinese and Arabic where it is listed here, and shown in English, left to right, elsewhere
 * (marked `lang="en"` so that a screen reader switches voice).
 */
import type { Locale } from '$lib/paraglide/runtime';

/** Route ids whose content is translated into every language of the catalogue. */
export const TRANSLATED_ROUTES: ReadonlySet<string> = new Set([
	'/',
	'/logout',
	'/login',
	'/account',
	'/invite/[token]',
	'/reset/[token]',
	'/expert',
	'/expert/rounds/[roundId]'
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

/** Whether a page's content is shown in the reader's language (English pages always are). */
export const contentTranslated = (locale: Locale, routeId: string | null): boolean =>
	locale === 'en' || (routeId !== null && TRANSLATED_ROUTES.has(routeId));
