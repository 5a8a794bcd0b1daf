/**
 * Texts people write into a study — its title and description, pillar and indicator names and
 * descriptions — carry English and Chinese. A Chinese reader sees the Chinese text, or the English one
 * marked as untranslated when there is none; everyone else sees the English (study texts have no
 * Arabic: an Arabic reader sees them in English, marked `lang="en"`).
 */
import { m } from '$lib/paraglide/messages';
import { getLocale, type Locale } from '$lib/paraglide/runtime';

export type StudyText = { text: string; lang: 'en' | 'zh'; missing: boolean };

/** The text a reader in `locale` sees, its language, and whether its translation is missing. */
export function studyText(
	en: string,
	zh: string | null | undefined,
	locale: Locale = getLocale()
): StudyText {
	if (locale !== 'zh') return { text: en, lang: 'en', missing: false };
	const z = zh?.trim();
	return z ? { text: z, lang: 'zh', missing: false } : { text: en, lang: 'en', missing: en !== '' };
}

/** Just the words (charts, options, titles: places without markup). */
export const localName = (x: { nameEn: string; nameZh?: string | null }): string =>
	studyText(x.nameEn, x.nameZh).text;

/** The texts of a study's framework that lack a Chinese translation, for the coordinator's check. */
export function missingTranslations(study: {
	title: string;
	titleZh: string;
	description: string;
	descriptionZh: string;
	pillars: {
		code: string;
		nameEn: string;
		nameZh: string;
		descriptionEn: string;
		descriptionZh: string;
		indicators: {
			code: string;
			nameEn: string;
			nameZh: string;
			descriptionEn: string;
			descriptionZh: string;
		}[];
	}[];
}): { where: string; field: 'title' | 'description' | 'name'; en: string }[] {
	const out: { where: string; field: 'title' | 'description' | 'name'; en: string }[] = [];
	const check = (
		where: string,
		field: 'title' | 'description' | 'name',
		en: string,
		zh: string
	) => {
		if (en.trim() && !zh.trim()) out.push({ where, field, en });
	};
	check('study', 'title', study.title, study.titleZh);
	check('study', 'description', study.description, study.descriptionZh);
	for (const p of study.pillars) {
		check(p.code, 'name', p.nameEn, p.nameZh);
		check(p.code, 'description', p.descriptionEn, p.descriptionZh);
		for (const i of p.indicators) {
			check(i.code, 'name', i.nameEn, i.nameZh);
			check(i.code, 'description', i.descriptionEn, i.descriptionZh);
		}
	}
	return out;
}

/** One missing translation in words ("T1 name: “Rail connectivity”"). */
export function untranslatedLine(u: ReturnType<typeof missingTranslations>[number]): string {
	const field = {
		title: m.staff_field_title,
		description: m.staff_field_description,
		name: m.staff_field_name
	}[u.field]();
	const en = u.en.length > 80 ? `${u.en.slice(0, 79)}…` : u.en;
	return u.where === 'study'
		? m.staff_untranslated_study({ field, en })
		: m.staff_untranslated_item({ code: u.where, field, en });
}
