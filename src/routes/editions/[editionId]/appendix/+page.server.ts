import { limitHeavy } from '$lib/server/heavy-limits';
import { getDb } from '$lib/server/db';
import { requireEditionMember } from '$lib/server/guards';
import { appendixData } from '$lib/server/edition-review';
import { describeStoppingRule } from '$lib/schemas/study';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { edition } = requireEditionMember(getDb(), event, event.params.editionId, [
		'author',
		'coordinator'
	]);
	limitHeavy(event, 'appendix');
	const a = await appendixData(getDb(), edition.id);
	const { cockpit: _c, candidate: _k, sets, ...rest } = a;
	return {
		...rest,
		sets: sets.map((s) => ({
			version: s.version,
			hash: s.hash,
			reason: s.reason,
			lockedAt: s.lockedAt
		})),
		latest: a.latest
			? {
					version: a.latest.version,
					hash: a.latest.hash,
					lockedAt: a.latest.lockedAt,
					engineVersion: a.latest.engineVersion
				}
			: null,
		stoppingRule: a.settings ? describeStoppingRule(a.settings.stoppingRule) : null
	};
};
