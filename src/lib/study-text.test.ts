import { describe, expect, it } from 'vitest';
import { runInLocale } from './server/locale-store';
import { localName, missingTranslations, studyText, untranslatedLine } from './study-text';

describe('study texts in the reader’s language', () => {
	it('Chinese readers get the Chinese, or the English marked as missing; others the English', () => {
		expect(studyText('Air quality', '空气质量', 'zh')).toEqual({
			text: '空气质量',
			lang: 'zh',
			missing: false
		});
		expect(studyText('Air quality', '  ', 'zh')).toEqual({
			text: 'Air quality',
			lang: 'en',
			missing: true
		});
		expect(studyText('Air quality', '空气质量', 'ar')).toEqual({
			text: 'Air quality',
			lang: 'en',
			missing: false
		});
		expect(studyText('', '', 'zh').missing).toBe(false); // nothing to translate
		expect(runInLocale('zh', () => localName({ nameEn: 'Air quality', nameZh: '空气质量' }))).toBe(
			'空气质量'
		);
	});

	it('lists every text without a Chinese translation, and says it in the reader’s language', () => {
		const missing = missingTranslations({
			title: 'Smart cities',
			titleZh: '',
			description: '',
			descriptionZh: '',
			pillars: [
				{
					code: 'T',
					nameEn: 'Traditional',
					nameZh: '传统',
					descriptionEn: 'Roads and rails',
					descriptionZh: '',
					indicators: [
						{
							code: 'T1',
							nameEn: 'Rail',
							nameZh: '',
							descriptionEn: '',
							descriptionZh: ''
						}
					]
				}
			]
		});
		expect(missing).toEqual([
			{ where: 'study', field: 'title', en: 'Smart cities' },
			{ where: 'T', field: 'description', en: 'Roads and rails' },
			{ where: 'T1', field: 'name', en: 'Rail' }
		]);
		expect(runInLocale('en', () => untranslatedLine(missing[2]))).toBe('T1 name: “Rail”');
		expect(runInLocale('zh', () => untranslatedLine(missing[0]))).toBe('研究标题：“Smart cities”');
	});
});
