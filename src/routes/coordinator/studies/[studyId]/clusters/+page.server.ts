import { m } from '$lib/paraglide/messages';
import { plural } from '$lib/words';
import { getDb } from '$lib/server/db';
import { cities, studies } from '$lib/server/db/schema';
import { latestGroupSet, saveGroupSet } from '$lib/server/city-groups';
import { updateScoring } from '$lib/server/framework';
import { requireCoordinator } from '$lib/server/guards';
import { formObject } from '$lib/server/forms';
import { parseGroupsCsv } from '$lib/schemas/groups';
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
		const known = new Set(
			db
				.select({ id: cities.id })
				.from(cities)
				.all()
				.map((c) => c.id)
		);
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
