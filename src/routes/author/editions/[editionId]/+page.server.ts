import { limitHeavy } from '$lib/server/heavy-limits';
import { failFrom } from '$lib/server/action';
import { getDb } from '$lib/server/db';
import { lockEdition, lockWarnings } from '$lib/server/editions';
import { requireEditionMember } from '$lib/server/guards';
import { editionReview } from '$lib/server/edition-review';
import { formObject } from '$lib/server/forms';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { edition } = requireEditionMember(getDb(), event, event.params.editionId, ['author']);
	limitHeavy(event, 'review');
	const r = await editionReview(getDb(), edition.id);
	const { cockpit, candidate, ...rest } = r;
	return {
		...rest,
		sets: r.sets.map((s) => ({
			id: s.id,
			version: s.version,
			hash: s.hash,
			reason: s.reason,
			lockedAt: s.lockedAt,
			lockedByName: s.lockedByName,
			supersedesId: s.supersedesId
		})),
		latest: r.latest ? { version: r.latest.version, hash: r.latest.hash } : null,
		candidateExperts: candidate?.experts.length ?? 0,
		lockWarnings: candidate ? lockWarnings(candidate) : [],
		review:
			cockpit && 'analysis' in cockpit && cockpit.analysis
				? {
						nodes: cockpit.nodes.map((n) => ({
							key: n.key,
							name: n.key === 'goal' ? 'Pillars' : n.nameEn,
							sStar: cockpit.analysis!.nodes[n.key].consensus?.sStar ?? null,
							label: cockpit.analysis!.nodes[n.key].consensus?.label ?? null,
							groupCr: cockpit.analysis!.nodes[n.key].groupConsistency?.cr ?? null,
							acceptable: cockpit.analysis!.nodes[n.key].shareAcceptable
						})),
						progress: cockpit.progress!,
						stopping: cockpit.stopping!,
						kendall: cockpit.analysis.kendall
					}
				: null
	};
};

const lockSchema = z.object({
	reason: z.string().trim().max(500).default(''),
	confirm: z.literal('yes', { error: 'Tick the confirmation: a lock cannot be undone.' }),
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
