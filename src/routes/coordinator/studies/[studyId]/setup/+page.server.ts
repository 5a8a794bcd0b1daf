import { getDb } from '$lib/server/db';
import { formObject } from '$lib/server/forms';
import {
	FrozenError,
	readFramework,
	replaceFramework,
	updateSettings
} from '$lib/server/framework';
import { requireStudyRole } from '$lib/server/guards';
import { parseFrameworkCsv, parseFrameworkJson, type FrameworkInput } from '$lib/schemas/framework';
import { RANDOM_INDEX_TABLES, studySettingsSchema } from '$lib/schemas/study';
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

function guard(event: RequestEvent<{ studyId: string }>) {
	return requireStudyRole(getDb(), event, event.params.studyId, 'coordinator');
}

export const load: PageServerLoad = (event) => {
	const { study } = guard(event);
	return {
		framework: readFramework(getDb(), study.id),
		settings: studySettingsSchema.parse(study.settings),
		frozen: study.frozenAt !== null,
		tables: RANDOM_INDEX_TABLES
	};
};

function save(studyId: string, actorId: string, fw: unknown, source: string, action: string) {
	const { framework, problems } = parseFrameworkJson(fw);
	if (!framework) return fail(400, { action, message: 'Nothing was changed.', problems });
	try {
		replaceFramework(getDb(), studyId, framework, actorId, source);
	} catch (e) {
		if (e instanceof FrozenError) return fail(409, { action, message: e.message });
		throw e;
	}
	return { action, saved: true };
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const optNum = (v: unknown) => (str(v).trim() === '' ? null : Number(v));

export const actions: Actions = {
	import: async (event) => {
		const { user, study } = guard(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { action: 'import', message: 'Choose a CSV or JSON file.' });
		if (file.size > 1024 * 1024)
			return fail(400, { action: 'import', message: 'That file is larger than 1 MB.' });
		const text = await file.text();
		let result;
		if (file.name.toLowerCase().endsWith('.json') || text.trimStart().startsWith('{')) {
			try {
				result = parseFrameworkJson(JSON.parse(text));
			} catch {
				return fail(400, {
					action: 'import',
					message: 'That file is not valid JSON; nothing was changed.'
				});
			}
		} else result = parseFrameworkCsv(text);
		if (!result.framework)
			return fail(400, {
				action: 'import',
				message: 'Nothing was imported.',
				problems: result.problems
			});
		return save(study.id, user.id, result.framework, `import of ${file.name}`, 'import');
	},
	/** Edits one pillar or indicator (by its current code), or adds an indicator to a pillar. */
	item: async (event) => {
		const { user, study } = guard(event);
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
					message: 'That pillar no longer exists; nothing was changed.'
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
						message: 'That pillar no longer exists; nothing was changed.'
					});
				p.indicators.push(indicator as FrameworkInput['pillars'][number]['indicators'][number]);
			} else {
				const p = fw.pillars.find((x) => x.indicators.some((i) => i.code === f.original));
				if (!p)
					return fail(400, {
						action: 'item',
						message: 'That indicator no longer exists; nothing was changed.'
					});
				p.indicators = p.indicators.map((i) =>
					i.code === f.original ? (indicator as typeof i) : i
				);
			}
		}
		return save(study.id, user.id, fw, 'setup page', 'item');
	},
	remove: async (event) => {
		const { user, study } = guard(event);
		const f = formObject(await event.request.formData());
		const fw: FrameworkInput = structuredClone(readFramework(getDb(), study.id));
		fw.pillars = fw.pillars
			.filter((p) => p.code !== f.code)
			.map((p) => ({ ...p, indicators: p.indicators.filter((i) => i.code !== f.code) }));
		return save(study.id, user.id, fw, 'setup page', 'item');
	},
	addPillar: async (event) => {
		const { user, study } = guard(event);
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
		const { user, study } = guard(event);
		const f = formObject(await event.request.formData());
		const parsed = studySettingsSchema.safeParse({
			randomIndex: f.randomIndex,
			crThreshold: Number(f.crThreshold),
			priorityMethod: f.priorityMethod,
			aggregation: f.aggregation,
			rationaleAboveThreshold: f.rationaleAboveThreshold === 'on',
			rationaleOutsideBand: f.rationaleOutsideBand === 'on',
			previewForExperts: f.previewForExperts === 'on',
			reminderIntervalHours: Number(f.reminderIntervalHours),
			stoppingRule: {
				minSStar: Number(f.minSStar),
				maxStabilityPP: Number(f.maxStabilityPP),
				maxRounds: Number(f.maxRounds)
			}
		});
		if (!parsed.success)
			return fail(400, {
				action: 'settings',
				message: 'Nothing was changed.',
				problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
			});
		try {
			updateSettings(getDb(), study.id, parsed.data, user.id);
		} catch (e) {
			if (e instanceof FrozenError) return fail(409, { action: 'settings', message: e.message });
			throw e;
		}
		return { action: 'settings', saved: true };
	}
};
