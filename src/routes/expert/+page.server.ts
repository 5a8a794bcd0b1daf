import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/guards';
import { expertOverview } from '$lib/server/studies';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'expert');
	return { studies: expertOverview(getDb(), user.id) };
};
