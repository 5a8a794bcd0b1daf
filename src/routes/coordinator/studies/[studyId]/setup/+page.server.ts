import { failFrom, invalid } from '$lib/server/action';
import { getDb } from '$lib/server/db';
import { formObject } from '$lib/server/forms';
import {
	readFramework,
	replaceFramework,
	updateSettings,
	updateStudyTexts,
	untranslatedTexts
} from '$lib/server/framework';
import { m } from '$lib/paraglide/messages';
import { requireCoordinator } from '$lib/server/guards';
import { parseFrameworkCsv, parseFrameworkJson, type FrameworkInput } from '$lib/schemas/framework';
import { RANDOM_INDEX_TABLES, studySettingsSchema } from '$lib/schemas/study';
import { plainNumber } from '$lib/schemas/form-values';
import { settingsFormSchema, studyTextsSchema } from '$lib/schemas/setup-forms';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { study } = requireCoordinator(event);
	return {
		framework: readFramework(getDb(), study.id),
		texts: {
			title: study.title,
			titleZh: study.titleZh,
			description: study.description,
			descriptionZh: study.descriptionZh,
			language: study.language
		},
		untranslated: untranslatedTexts(getDb(), study.id),
		settings: studySettingsSchema.parse(study.settings),
		frozen: study.frozenAt !== null,
		tables: RANDOM_INDEX_TABLES
	};
};

function save(studyId: string, actorId: string, fw: unknown, source: string, action: string) {
	const { framework, problems } = parseFrameworkJson(fw);
	if (!framework) return fail(400, { action, message: m.staff_err_nothing_changed(), problems });
	try {
		replaceFramework(getDb(), studyId, framework, actorId, source);
	} catch (e) {
		return failFrom(e, { action });
	}
	return { action, saved: true };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
/** An optional plain decimal: '' is "not given"; anything that is not a plain number is NaN (refused by the schema). */
const optNum = (v: unknown) => (str(v).trim() === '' ? null : plainNumber(str(v)));

export const actions: Actions = {
	texts: async (event) => {
		const { user, study } = requireCoordinator(event);
		const parsed = studyTextsSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success) return invalid(parsed.error, { action: 'texts' });
		const t = parsed.data;
		try {
			updateStudyTexts(
				getDb(),
				study.id,
				{
					title: t.titleEn,
					titleZh: t.titleZh,
					description: t.descriptionEn,
					descriptionZh: t.descriptionZh,
					language: t.language
				},
				user.id
			);
		} catch (e) {
			return failFrom(e, { action: 'texts' });
		}
		return { action: 'texts', saved: true };
	},
	import: async (event) => {
		const { user, study } = requireCoordinator(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { action: 'import', message: m.staff_err_choose_csv_json() });
		if (file.size > 1024 * 1024)
			return fail(400, { action: 'import', message: m.staff_err_larger_1mb() });
		const text = await file.text();
		let result;
		if (file.name.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{')) {
			try {
				result = parseFrameworkJson(JSON.parse(text));
			} catch {
				return fail(400, {
					action: 'import',
					message: m.staff_err_not_json()
				});
			}
		} else result = parseFrameworkCsv(text);
		if (!result.framework)
			return fail(400, {
				action: 'import',
				message: m.staff_err_nothing_imported(),
				problems: result.problems
			});
		return save(study.id, user.id, result.framework, `import of ${file.name}`, 'import');
	},
	/** Edits one pillar or indicator (by its current code), or adds an indicator to a pillar. */
	item: async (event) => {
		const { user, study } = requireCoordinator(event);
		const f = formObject(await event.request.formData());
		const fw: FrameworkInput = structuredClone(readFramework(getDb(), study.id));
		const fields = {
			code: str(f.code).trim(),
			nameEn: str(f.nameEn),
			nameZh: str(f.nameZh),
			descriptionEn: str(f.descriptionEn),
			descriptionZh: str(f.descriptionZh)
		};
		if (f.kind === 'pillar') {
			const p = fw.pillars.find((x) => x.code === f.original);
			if (!p)
				return fail(400, {
					action: 'item',
					message: m.staff_err_pillar_gone()
				});
			Object.assign(p, fields);
		} else {
			const indicator = {
				...fields,
				unit: str(f.unit),
				direction: f.direction === '-1' ? -1 : 1,
				rangeMin: optNum(f.rangeMin),
				rangeMax: optNum(f.rangeMax),
				isNational: f.isNational === 'on'
			};
			if (f.kind === 'add') {
				const p = fw.pillars.find((x) => x.code === f.pillar);
				if (!p)
					return fail(400, {
						action: 'item',
						message: m.staff_err_pillar_gone()
					});
				p.indicators.push(indicator as FrameworkInput['pillars'][number]['indicators'][number]);
			} else {
				const p = fw.pillars.find((x) => x.indicators.some((i) => i.code === f.original));
				if (!p)
					return fail(400, {
						action: 'item',
						message: m.staff_err_indicator_gone()
					});
				p.indicators = p.indicators.map((i) =>
					i.code === f.original ? (indicator as typeof i) : i
				);
			}
		}
		return save(study.id, user.id, fw, 'setup page', 'item');
	},
	remove: async (event) => {
		const { user, study } = requireCoordinator(event);
		const f = formObject(await event.request.formData());
		const fw: FrameworkInput = structuredClone(readFramework(getDb(), study.id));
		const known = fw.pillars.some(
			(p) => p.code === f.code || p.indicators.some((i) => i.code === f.code)
		);
		if (!f.code || !known)
			return fail(400, {
				action: 'item',
				message: m.staff_err_item_gone()
			});
		fw.pillars = fw.pillars
			.filter((p) => p.code !== f.code)
			.map((p) => ({ ...p, indicators: p.indicators.filter((i) => i.code !== f.code) }));
		return save(study.id, user.id, fw, 'setup page', 'item');
	},
	addPillar: async (event) => {
		const { user, study } = requireCoordinator(event);
		const f = formObject(await event.request.formData());
		const fw: FrameworkInput = structuredClone(readFramework(getDb(), study.id));
		fw.pillars.push({
			code: str(f.code).trim(),
			nameEn: str(f.nameEn),
			nameZh: str(f.nameZh),
			descriptionEn: '',
			descriptionZh: '',
			indicators: [
				{
					code: str(f.firstCode).trim(),
					nameEn: str(f.firstName),
					nameZh: '',
					descriptionEn: '',
					descriptionZh: '',
					unit: '',
					direction: 1,
					rangeMin: null,
					rangeMax: null,
					isNational: false
				}
			]
		});
		return save(study.id, user.id, fw, 'setup page', 'item');
	},
	settings: async (event) => {
		const { user, study } = requireCoordinator(event);
		const f = formObject(await event.request.formData());
		const form = settingsFormSchema.safeParse(f);
		const parsed = form.success ? studySettingsSchema.safeParse(form.data) : form;
		if (!parsed.success)
			return fail(400, {
				action: 'settings',
				message: m.staff_err_nothing_changed(),
				problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 20)
			});
		try {
			updateSettings(getDb(), study.id, parsed.data, user.id);
		} catch (e) {
			return failFrom(e, { action: 'settings' });
		}
		return { action: 'settings', saved: true };
	}
};
