import { m } from '$lib/paraglide/messages';
import { failFrom } from '$lib/server/action';
import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/guards';
import {
	ResponseError,
	ensureDraftFromPrevious,
	expertContext,
	expertRoundView,
	saveDraft,
	submitResponse
} from '$lib/server/responses';
import { draftSchema } from '$lib/schemas/response';
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

function context(event: RequestEvent<{ roundId: string }>) {
	const user = requireRole(event, 'expert');
	try {
		return expertContext(getDb(), user.id, event.params.roundId);
	} catch (e) {
		if (e instanceof ResponseError) error(e.status, e.message);
		throw e;
	}
}

export const load: PageServerLoad = (event) => {
	const ctx = context(event);
	ensureDraftFromPrevious(getDb(), ctx);
	const view = expertRoundView(getDb(), ctx);
	const requested = event.url.searchParams.get('node');
	const current = view.nodes.some((n) => n.key === requested) ? requested! : view.nodes[0].key;
	return {
		...view,
		current,
		saved: event.url.searchParams.has('saved'),
		justSubmitted: event.url.searchParams.has('submitted')
	};
};

export const actions: Actions = {
	/** Without JavaScript: one form per node, saved with a button. */
	save: async (event) => {
		const ctx = context(event);
		const form = await event.request.formData();
		const node = String(form.get('node') ?? '');
		const judgments: { a: string; b: string; position: number | null }[] = [];
		const pairComments: { a: string; b: string; body: string }[] = [];
		for (const [key, value] of form) {
			if (typeof value !== 'string') continue;
			const [kind, a, b] = key.split('|');
			if (kind === 'p' && a && b)
				judgments.push({
					a,
					b,
					// Only a scale point or "no opinion": '' or '0x3' must not become a judgement.
					position: value === 'na' ? null : /^[+-]?\d{1,2}$/.test(value) ? Number(value) : NaN
				});
			if (kind === 'pc' && a && b) pairComments.push({ a, b, body: value });
		}
		const parsed = draftSchema.safeParse({
			node,
			judgments,
			comment: form.has('comment') ? String(form.get('comment')) : undefined,
			pairComments
		});
		if (!parsed.success)
			return fail(400, {
				message: parsed.error.issues[0]?.message ?? m.err_answers_unreadable()
			});
		try {
			saveDraft(getDb(), ctx, parsed.data);
		} catch (e) {
			return failFrom(e);
		}
		const next = String(form.get('goto') ?? '');
		const target = ctx.nodes.some((n) => n.key === next) ? next : node;
		redirect(303, `?node=${encodeURIComponent(target)}&saved=1`);
	},
	submit: async (event) => {
		const ctx = context(event);
		const form = await event.request.formData();
		let result;
		try {
			result = submitResponse(getDb(), ctx, { confirmHighCr: form.get('confirmHighCr') === 'on' });
		} catch (e) {
			return failFrom(e);
		}
		if (!result.ok) return fail(400, { problems: result.problems });
		redirect(303, '?submitted=1');
	}
};
