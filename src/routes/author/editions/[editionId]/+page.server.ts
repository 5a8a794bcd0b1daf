import { m } from '$lib/paraglide/messages';
import { limitHeavy } from '$lib/server/heavy-limits';
import { failFrom } from '$lib/server/action';
import { getDb } from '$lib/server/db';
import { lockEdition } from '$lib/server/editions';
import { requireEditionMember } from '$lib/server/guards';
import { offLoop } from '$lib/server/off-loop';
import { formObject } from '$lib/server/forms';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { edition } = requireEditionMember(getDb(), event, event.params.editionId, ['author']);
	limitHeavy(event, 'review');
	return offLoop({ read: 'edition-review', editionId: edition.id });
};

const lockSchema = z.object({
	reason: z.string().trim().max(500).default(''),
	confirm: z.literal('yes', { error: () => m.staff_err_tick_lock() }),
	acceptWarnings: z.literal('yes').optional()
});

export const actions: Actions = {
	lock: async (event) => {
		const { user, edition } = requireEditionMember(getDb(), event, event.params.editionId, [
			'author'
		]);
		const parsed = lockSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success) return fail(400, { message: parsed.error.issues[0].message });
		try {
			const r = lockEdition(getDb(), {
				editionId: edition.id,
				actorId: user.id,
				reason: parsed.data.reason,
				acceptWarnings: parsed.data.acceptWarnings === 'yes'
			});
			return { locked: r };
		} catch (e) {
			return failFrom(e);
		}
	}
};
