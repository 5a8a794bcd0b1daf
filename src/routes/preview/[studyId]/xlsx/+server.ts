import { m } from '$lib/paraglide/messages';
import { runHeavy } from '$lib/server/heavy';
import { limitHeavy } from '$lib/server/heavy-limits';
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { getDb } from '$lib/server/db';
import { requirePreviewAccess } from '$lib/server/guards';
import type { RequestHandler } from './$types';

const cell = z.union([z.string().max(200), z.number(), z.null()]);
const table = {
	columns: z.array(z.string().max(80)).min(1).max(40),
	rows: z.array(z.array(cell).max(40)).max(500)
};
const bodySchema = z.object({
	title: z.string().max(200),
	...table,
	/** The cluster table, as a second sheet. */
	clusters: z.object(table).optional()
});

/** The preview table as an XLSX workbook (the browser computed it; this only writes the file). */
export const POST: RequestHandler = async (event) => {
	const { study } = requirePreviewAccess(getDb(), event);
	limitHeavy(event, 'export');
	const parsed = bodySchema.safeParse(await event.request.json().catch(() => null));
	if (!parsed.success) error(400, m.staff_err_table_unreadable());
	const bytes = await runHeavy({
		kind: 'xlsx',
		tables: [
			{ name: m.staff_tab_preview(), columns: parsed.data.columns, rows: parsed.data.rows },
			...(parsed.data.clusters ? [{ name: m.staff_clusters_h(), ...parsed.data.clusters }] : [])
		],
		meta: { study: study.title, round: 0 }
	});
	return new Response(bytes, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="${study.slug}-preview.xlsx"`,
			'cache-control': 'no-store'
		}
	});
};
