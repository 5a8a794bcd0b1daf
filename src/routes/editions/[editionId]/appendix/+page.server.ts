import { limitHeavy } from '$lib/server/heavy-limits';
import { getDb } from '$lib/server/db';
import { requireEditionMember } from '$lib/server/guards';
import { offLoop } from '$lib/server/off-loop';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { edition } = requireEditionMember(getDb(), event, event.params.editionId, [
		'author',
		'coordinator'
	]);
	limitHeavy(event, 'appendix');
	return offLoop({ read: 'appendix', editionId: edition.id });
};
