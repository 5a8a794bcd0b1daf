import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { DEMO_INDICATORS, DEMO_PILLARS } from '$lib/server/demo/framework';
import { formObject } from '$lib/server/forms';
import { createStudy } from '$lib/server/framework';
import { requireRole } from '$lib/server/guards';
import { parseFrameworkJson } from '$lib/schemas/framework';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

const schema = z.object({
	title: z
		.string()
		.trim()
		.min(3, { error: () => m.staff_err_title() })
		.max(160),
	description: z.string().trim().max(2000).default('')
});

function allowed(event: Pick<RequestEvent, 'locals' | 'url'>) {
	const user = requireRole(event, 'coordinator');
	if (!user.canCreateStudies) error(403, m.staff_err_create_permission());
	return user;
}

export const load: PageServerLoad = (event) => {
	allowed(event);
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const user = allowed(event);
		const form = formObject(await event.request.formData());
		const parsed = schema.safeParse(form);
		if (!parsed.success)
			return fail(400, { message: parsed.error.issues[0].message, values: form });
		// Every study starts from a valid framework: the demo's three pillars, to edit or replace by import.
		const { framework } = parseFrameworkJson({
			pillars: DEMO_PILLARS.map((p) => ({
				...p,
				indicators: DEMO_INDICATORS.filter((i) => i.pillar === p.code).map(
					({ pillar: _p, ...i }) => i
				)
			}))
		});
		const { id } = createStudy(getDb(), {
			...parsed.data,
			framework: framework!,
			creatorId: user.id
		});
		redirect(303, `/coordinator/studies/${id}/setup`);
	}
};
