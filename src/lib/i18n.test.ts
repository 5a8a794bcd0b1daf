import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, contentTranslated, htmlLang, isStaffMessage, textDirection } from './i18n';
import { locales } from './paraglide/runtime';
import { LOCALES } from './server/db/schema';

const settings = JSON.parse(readFileSync('project.inlang/settings.json', 'utf8')) as {
	baseLocale: string;
	locales: string[];
};
const catalogue = (locale: string) =>
	JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8')) as Record<string, string>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();

describe('message catalogues', () => {
	const base = catalogue(settings.baseLocale);
	const keys = Object.keys(base).filter((k) => k !== '$schema');

	it('one list of languages: the project, the runtime, the picker and the database agree', () => {
		expect([...locales]).toEqual(settings.locales);
		expect(LANGUAGES.map((l) => l.code)).toEqual(settings.locales);
		expect([...LOCALES]).toEqual(settings.locales);
	});

	for (const locale of settings.locales.filter((l) => l !== settings.baseLocale)) {
		// Staff pages are in English and Chinese; expert pages and the appendix in all three.
		const wanted = locale === 'ar' ? keys.filter((k) => !isStaffMessage(k)) : keys;
		it(`${locale}: every key, no extra key, the same placeholders, nothing left empty or in English`, () => {
			const other = catalogue(locale);
			expect(
				Object.keys(other)
					.filter((k) => k !== '$schema')
					.sort()
			).toEqual([...wanted].sort());
			for (const k of wanted) {
				expect(other[k].trim(), k).not.toBe('');
				expect(placeholders(other[k]), k).toEqual(placeholders(base[k]));
			}
			// A message identical to English is a forgotten translation, unless it is only names,
			// numbers, placeholders and symbols (e.g. "CR {cr}", "{answered}/{total}").
			const untranslated = wanted.filter(
				(k) =>
					other[k] === base[k] &&
					/[a-z]{3,}/i.test(base[k].replace(/\{\w+\}|Concord|SimpleMaps|CC BY|CR\b/g, ''))
			);
			expect(untranslated).toEqual([]);
		});
	}
});

describe('direction and content language', () => {
	it('Arabic reads right to left; English and Chinese left to right', () => {
		expect(textDirection('ar')).toBe('rtl');
		expect(textDirection('zh')).toBe('ltr');
		expect(htmlLang('zh')).toBe('zh-CN');
	});
	it('every page in Chinese; expert pages and the appendix in Arabic, staff pages in English inside the frame', () => {
		expect(contentTranslated('ar', '/expert/rounds/[roundId]')).toBe(true);
		expect(contentTranslated('ar', '/editions/[editionId]/appendix')).toBe(true);
		expect(contentTranslated('zh', '/login')).toBe(true);
		expect(contentTranslated('zh', '/coordinator/studies/[studyId]')).toBe(true);
		expect(contentTranslated('ar', '/coordinator/studies/[studyId]')).toBe(false);
		expect(contentTranslated('en', '/coordinator/studies/[studyId]')).toBe(true);
	});
	it('staff messages have no Arabic: they fall back to English', () => {
		const ar = catalogue('ar');
		const staff = Object.keys(catalogue('en')).filter(isStaffMessage);
		expect(staff.length).toBeGreaterThan(100);
		expect(staff.filter((k) => k in ar)).toEqual([]);
	});
});
