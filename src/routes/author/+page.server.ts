import { getDb } from '$lib/server/db';
import { requireRole } from '$lib/server/guards';
import { authorOverview } from '$lib/server/studies';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const user = requireRole(event, 'author');
	return { studies: authorOverview(getDb(), user.id) };
};
