import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	// A picked user for the client, never the row (no email or hash in the page data).
	const user = locals.user
		? { id: locals.user.id, name: locals.user.name, roles: locals.roles }
		: null;
	return { user };
};
