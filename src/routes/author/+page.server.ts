import { m } from '$lib/paraglide/messages';
import { failFrom } from '$lib/server/action';
import { getDb } from '$lib/server/db';
import { createEdition } from '$lib/server/editions';
import { formObject } from '$lib/server/forms';
import { requireRole, requireStudyRole } from '$lib/server/guards';
import { authorOverview, listRounds } from '$lib/server/studies';
import { fail } from '@sveltejs/kit';
import { formInt } from '$lib/schemas/form-values';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'author');
	const db = getDb();
	return {
		studies: authorOverview(db, user.id).map((s) => ({
			...s,
			rounds: listRounds(db, s.study.id)
				.filter((r) => r.state !== 'draft')
				.reverse()
				.map((r) => ({ id: r.id, number: r.number, state: r.state }))
		}))
	};
};

const editionSchema = z.object({
	studyId: z.string().min(1).max(64),
	title: z
		.string()
		.trim()
		.min(3, { error: () => m.staff_err_edition_title() })
		.max(160),
	year: formInt(m.staff_what_year).pipe(
		z.number().min(1990, { error: 'A year from 1990.' }).max(2100, { error: 'A year up to 2100.' })
	),
	roundId: z
		.string()
		.min(1, { error: () => m.staff_err_choose_round() })
		.max(64),
	universe: z.string().max(64).default(''),
	previous: z.string().max(64).default('')
});

export const actions: Actions = {
	create: async (event) => {
		const form = formObject(await event.request.formData());
		const parsed = editionSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, { message: parsed.error.issues[0].message, values: form });
		const { user, study } = requireStudyRole(getDb(), event, parsed.data.studyId, 'author');
		try {
			createEdition(getDb(), {
				studyId: study.id,
				actorId: user.id,
				title: parsed.data.title,
				year: parsed.data.year,
				roundId: parsed.data.roundId,
				universeFrom: parsed.data.universe || null,
				previousEditionId: parsed.data.previous || null
			});
		} catch (e) {
			return failFrom(e, { values: form });
		}
		return { created: parsed.data.title };
	}
};
