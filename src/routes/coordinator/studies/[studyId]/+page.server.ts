import { m } from '$lib/paraglide/messages';
import { cockpitData, cockpitView } from '$lib/server/cockpit';
import { groupWeightsAsOf } from '$lib/server/preview';
import { publishedWeights } from '$lib/server/studies';
import { runAction } from '$lib/server/action';
import { getDb } from '$lib/server/db';
import { formObject } from '$lib/server/forms';
import { requireCoordinator } from '$lib/server/guards';
import { reopenResponse, setCommentHidden, setPanelistWeighting } from '$lib/server/rounds';
import { describeStoppingRule } from '$lib/schemas/study';
import { error, fail } from '@sveltejs/kit';
import { formNumber } from '$lib/schemas/form-values';
import { z } from 'zod';
import type { RoundCockpit } from '$lib/cockpit/view';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { study } = requireCoordinator(event);
	const n = Number(event.url.searchParams.get('round'));
	const data = cockpitData(getDb(), study.id, Number.isInteger(n) && n > 0 ? n : undefined);
	if (!data) error(404, m.error_no_study());
	const view = cockpitView(data);
	if (!view) return { cockpit: null };
	const cockpit: RoundCockpit = {
		...view,
		published: publishedWeights(getDb(), study.id),
		study_id: study.id,
		stoppingRule: describeStoppingRule(data.settings.stoppingRule),
		weightsAsOf: groupWeightsAsOf(getDb(), study.id, view.round.number),
		loadedAt: Date.now()
	};
	return { cockpit };
};

const weightingSchema = z.object({
	id: z.string().min(1).max(64),
	weight: formNumber(m.staff_what_weight).pipe(
		z
			.number()
			.min(0, { error: () => m.staff_err_weight_negative() })
			.max(100, { error: () => m.staff_err_weight_max() })
	),
	excluded: z.literal('on').optional(),
	reason: z.string().max(300).default('')
});
const hideSchema = z.object({
	id: z.string().min(1).max(64),
	hidden: z.enum(['1', '0']),
	reason: z.string().max(300).default('')
});
const reopenSchema = z.object({
	id: z.string().min(1).max(64),
	reason: z
		.string()
		.trim()
		.min(1, { error: () => m.staff_err_reopen_why() })
		.max(300)
});

export const actions: Actions = {
	weighting: async (event) => {
		const { user, study } = requireCoordinator(event);
		const parsed = weightingSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success)
			return fail(400, { action: 'weighting', message: parsed.error.issues[0].message });
		const d = parsed.data;
		return runAction('weighting', () => {
			setPanelistWeighting(getDb(), {
				studyId: study.id,
				panelistId: d.id,
				actorId: user.id,
				weight: d.weight,
				excluded: d.excluded === 'on',
				reason: d.reason
			});
			return { action: 'weighting', saved: true };
		});
	},
	hide: async (event) => {
		const { user, study } = requireCoordinator(event);
		const parsed = hideSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success)
			return fail(400, {
				action: 'hide',
				message: m.staff_err_unreadable()
			});
		const d = parsed.data;
		return runAction('hide', () => {
			setCommentHidden(getDb(), {
				studyId: study.id,
				commentId: d.id,
				actorId: user.id,
				hidden: d.hidden === '1',
				reason: d.reason
			});
			return { action: 'hide', saved: true };
		});
	},
	reopen: async (event) => {
		const { user, study } = requireCoordinator(event);
		const parsed = reopenSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success)
			return fail(400, { action: 'reopen', message: parsed.error.issues[0].message });
		const d = parsed.data;
		return runAction('reopen', () => {
			reopenResponse(getDb(), {
				studyId: study.id,
				panelistId: d.id,
				actorId: user.id,
				reason: d.reason
			});
			return { action: 'reopen', saved: true };
		});
	}
};
