import { m } from '$lib/paraglide/messages';
import { plural } from '$lib/words';
import { getDb } from '$lib/server/db';
import { cities, studies } from '$lib/server/db/schema';
import { knownCityIds, latestGroupSet, saveGroupSet } from '$lib/server/city-groups';
import { updateScoring } from '$lib/server/framework';
import { requireCoordinator } from '$lib/server/guards';
import { formObject } from '$lib/server/forms';
import { parseGroupsCsv } from '$lib/schemas/groups';
import { GROUP_KINDS } from '$lib/scoring/groups';
import { scoringSettingsSchema, studySettingsSchema } from '$lib/schemas/study';
import { fail } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

const MAX_BYTES = 1024 * 1024;

export const load: PageServerLoad = (event) => {
	const { study } = requireCoordinator(event);
	const db = getDb();
	const set = latestGroupSet(db, study.id);
	const names = new Map(
		db
			.select({ id: cities.id, name: cities.name, country: cities.country })
			.from(cities)
			.all()
			.map((c) => [c.id, `${c.name}, ${c.country}`])
	);
	const row = db
		.select({ s: studies.settings })
		.from(studies)
		.where(eq(studies.id, study.id))
		.get();
	return {
		/** Every known city, for the editor's member list. */
		cities: [...names]
			.map(([id, label]) => ({ id, label }))
			.sort((a, b) => a.label.localeCompare(b.label)),
		scoring: studySettingsSchema.parse(row?.s ?? {}).scoring,
		groupSet: set
			? {
					version: set.version,
					contentHash: set.contentHash,
					source: set.source,
					createdAt: set.createdAt
				}
			: null,
		groups: (set?.groups ?? []).map((g) => ({
			...g,
			members: g.cityIds.map((id) => names.get(id) ?? id)
		}))
	};
};

const groupForm = z.object({
	code: z
		.string()
		.trim()
		.regex(/^[a-z0-9][a-z0-9-]{0,31}$/, { error: () => m.staff_err_group_code() }),
	nameEn: z
		.string()
		.trim()
		.min(1, { error: () => m.staff_err_group_name() })
		.max(120, { error: () => m.staff_err_group_name() }),
	nameZh: z
		.string()
		.trim()
		.max(120, { error: () => m.staff_err_group_name() }),
	kind: z.enum(GROUP_KINDS, { error: () => m.staff_err_group_kind() }),
	cityIds: z
		.array(z.string().max(40))
		.min(1, { error: () => m.staff_err_group_no_cities() })
		.max(500)
});

const scoringForm = z.object({
	normalisation: z.string().max(20),
	aggregation: z.string().max(20),
	classTopBands: z.coerce.number().int()
});

export const actions: Actions = {
	/** The groups from CSV: checked whole, saved as a new version only when every row is right. */
	import: async (event) => {
		const { user, study } = requireCoordinator(event);
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { action: 'import', message: m.staff_err_choose_csv() });
		if (file.size > MAX_BYTES)
			return fail(400, { action: 'import', message: m.staff_err_larger_1mb() });
		const db = getDb();
		const known = knownCityIds(db);
		const r = parseGroupsCsv(await file.text(), known);
		if (r.problems.length)
			return fail(400, {
				action: 'import',
				message: plural(m.staff_err_data_problems_one, m.staff_err_data_problems_other, {
					n: r.problems.length
				}),
				problems: r.problems.slice(0, 200)
			});
		const out = saveGroupSet(db, {
			studyId: study.id,
			actorId: user.id,
			groups: r.groups,
			source: `CSV import: ${file.name.slice(0, 200)}`
		});
		return { action: 'import', saved: out };
	},
	/** One cluster added or changed in the page's editor: the groups with it become the next version. */
	group: async (event) => {
		const { user, study } = requireCoordinator(event);
		const form = await event.request.formData();
		const f = groupForm.safeParse({
			code: form.get('code') ?? '',
			nameEn: form.get('nameEn') ?? '',
			nameZh: form.get('nameZh') ?? '',
			kind: form.get('kind') ?? '',
			cityIds: form.getAll('cityIds').map(String)
		});
		if (!f.success)
			return fail(400, {
				action: 'group',
				message: f.error.issues.map((i) => i.message).join(' ')
			});
		const db = getDb();
		const known = knownCityIds(db);
		if (f.data.cityIds.some((id) => !known.has(id)))
			return fail(400, {
				action: 'group',
				message: m.staff_err_unknown_city({
					id: f.data.cityIds.find((id) => !known.has(id))!.slice(0, 40)
				})
			});
		const groups = (latestGroupSet(db, study.id)?.groups ?? []).filter(
			(g) => g.code !== f.data.code
		);
		const saved = saveGroupSet(db, {
			studyId: study.id,
			actorId: user.id,
			groups: [...groups, { ...f.data, cityIds: [...new Set(f.data.cityIds)] }],
			source: `Edited on the Clusters page: ${f.data.code}`
		});
		return { action: 'group', saved };
	},
	/** A cluster removed: the remaining groups become the next version. */
	removeGroup: async (event) => {
		const { user, study } = requireCoordinator(event);
		const code = String((await event.request.formData()).get('code') ?? '').slice(0, 40);
		const db = getDb();
		const set = latestGroupSet(db, study.id);
		if (!set?.groups.some((g) => g.code === code))
			return fail(404, { action: 'group', message: m.staff_err_no_group({ code }) });
		const saved = saveGroupSet(db, {
			studyId: study.id,
			actorId: user.id,
			groups: set.groups.filter((g) => g.code !== code),
			source: `Removed on the Clusters page: ${code}`
		});
		return { action: 'group', saved };
	},
	/** How the ranking is scored: allowed at any time, audited, recorded with each lock. */
	scoring: async (event) => {
		const { user, study } = requireCoordinator(event);
		const f = scoringForm.safeParse(formObject(await event.request.formData()));
		const parsed = f.success ? scoringSettingsSchema.safeParse(f.data) : f;
		if (!parsed.success)
			return fail(400, { action: 'scoring', message: m.staff_err_nothing_changed() });
		updateScoring(getDb(), study.id, parsed.data, user.id);
		return { action: 'scoring', saved: true };
	}
};
