import { m } from '$lib/paraglide/messages';
import { runAction } from '$lib/server/action';
import { getDb } from '$lib/server/db';
import { formObject } from '$lib/server/forms';
import { requireCoordinator } from '$lib/server/guards';
import {
	closeRound,
	extendDeadline,
	openRound,
	prepareRound,
	roundsOverview
} from '$lib/server/rounds';
import { fail } from '@sveltejs/kit';
import { formDateTime, formInt } from '$lib/schemas/form-values';
import { roundOptionsSchema } from '$lib/schemas/study';
import { currentSettings } from '$lib/server/studies';
import { untranslatedTexts } from '$lib/server/framework';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const { study } = requireCoordinator(event);
	return {
		...roundsOverview(db, study.id),
		confirmClose: event.url.searchParams.get('confirm') === 'close',
		/** The feedback options the next round starts from (the latest round's, else the study's). */
		nextOptions: roundOptionsSchema.parse(currentSettings(db, study.id)),
		untranslated: study.frozenAt === null ? untranslatedTexts(db, study.id) : []
	};
};

const deadlineSchema = z.object({ closesAt: formDateTime });
/** The open form: the deadline and the round's feedback options (checkboxes post 'on' or nothing). */
const openSchema = z.object({
	closesAt: formDateTime,
	rationaleAboveThreshold: z.literal('on').optional(),
	rationaleOutsideBand: z.literal('on').optional(),
	previewForExperts: z.literal('on').optional(),
	showLockedWeightsDuringRounds: z.literal('on').optional(),
	reminderIntervalHours: formInt(m.staff_what_reminder_hours).pipe(z.number().min(1).max(720))
});

export const actions: Actions = {
	draft: async (event) => {
		const { user, study } = requireCoordinator(event);
		const parsed = deadlineSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success)
			return fail(400, { action: 'draft', message: parsed.error.issues[0].message });
		return runAction('draft', () => {
			const r = prepareRound(getDb(), {
				studyId: study.id,
				actorId: user.id,
				closesAt: parsed.data.closesAt
			});
			return { action: 'draft', drafted: r.number };
		});
	},
	open: async (event) => {
		const { user, study } = requireCoordinator(event);
		const parsed = openSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success)
			return fail(400, { action: 'open', message: parsed.error.issues[0].message });
		const f = parsed.data;
		return runAction('open', () => {
			const r = openRound(getDb(), {
				studyId: study.id,
				actorId: user.id,
				closesAt: f.closesAt,
				options: {
					rationaleAboveThreshold: f.rationaleAboveThreshold === 'on',
					rationaleOutsideBand: f.rationaleOutsideBand === 'on',
					previewForExperts: f.previewForExperts === 'on',
					showLockedWeightsDuringRounds: f.showLockedWeightsDuringRounds === 'on',
					reminderIntervalHours: f.reminderIntervalHours
				}
			});
			return { action: 'open', opened: r.number };
		});
	},
	close: async (event) => {
		const { user, study } = requireCoordinator(event);
		const form = formObject(await event.request.formData());
		if (form.confirm !== 'yes')
			return fail(400, { action: 'close', message: m.staff_err_tick_close() });
		return runAction('close', () => {
			const r = closeRound(getDb(), {
				studyId: study.id,
				roundId: String(form.id ?? ''),
				actorId: user.id
			});
			return { action: 'close', closed: r.number };
		});
	},
	deadline: async (event) => {
		const { user, study } = requireCoordinator(event);
		const form = formObject(await event.request.formData());
		const parsed = deadlineSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, { action: 'deadline', message: parsed.error.issues[0].message });
		return runAction('deadline', () => {
			extendDeadline(getDb(), {
				studyId: study.id,
				roundId: String(form.id ?? ''),
				actorId: user.id,
				closesAt: parsed.data.closesAt
			});
			return { action: 'deadline', saved: true };
		});
	}
};
