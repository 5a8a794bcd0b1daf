import { m } from '$lib/paraglide/messages';
import { limitHeavy } from '$lib/server/heavy-limits';
import { getDb } from '$lib/server/db';
import { requireEditionMember } from '$lib/server/guards';
import { listWeightSets } from '$lib/server/editions';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The verification bundle of a locked version, exactly as it was hashed (check it with npm run verify). */
export const GET: RequestHandler = (event) => {
	const { edition } = requireEditionMember(getDb(), event, event.params.editionId, [
		'author',
		'coordinator'
	]);
	limitHeavy(event, 'export');
	const set = listWeightSets(getDb(), edition.id).find(
		(s) => s.version === Number(event.params.version)
	);
	if (!set) error(404, m.staff_err_no_locked_version());
	return new Response(JSON.stringify(JSON.parse(set.bundle), null, 2) + '\n', {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${edition.slug}-v${set.version}-bundle.json"`,
			'cache-control': 'no-store'
		}
	});
};
