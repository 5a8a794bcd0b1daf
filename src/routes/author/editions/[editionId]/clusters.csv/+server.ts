import { m } from '$lib/paraglide/messages';
import { clusterTableForExport } from '$lib/preview/cluster-export';
import { getDb } from '$lib/server/db';
import { toCsv } from '$lib/server/exports';
import { requireEditionMember } from '$lib/server/guards';
import { limitHeavy } from '$lib/server/heavy-limits';
import { offLoop } from '$lib/server/off-loop';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * The edition review's cluster table as a CSV (a plain link: no JavaScript needed), in the reader's
 * language — the same rows the review shows (its derivation is cached by what it depends on).
 */
export const GET: RequestHandler = async (event) => {
	const { edition } = requireEditionMember(getDb(), event, event.params.editionId, ['author']);
	limitHeavy(event, 'export');
	const review = await offLoop({ read: 'edition-review', editionId: edition.id });
	const clusters = review.ranking?.clusters ?? [];
	if (!clusters.length) error(404, m.staff_no_clusters_edition());
	const table = clusterTableForExport(clusters, review.pillars);
	return new Response(toCsv({ name: 'clusters', ...table }), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="clusters-${review.edition.slug}.csv"`
		}
	});
};
