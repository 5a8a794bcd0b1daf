import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/guards';
import { coordinatorOverview } from '$lib/server/studies';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'coordinator');
	return { studies: coordinatorOverview(getDb(), user.id), canCreate: user.canCreateStudies };
};
