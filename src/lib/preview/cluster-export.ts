import { m } from '$lib/paraglide/messages';
/**
 * The cluster table as a download (CSV in the browser, the XLSX's second sheet): one function for the
 * preview and the edition review, in the reader's language, from the rows the pages show.
 */
import type { ClusterRow } from '$lib/scoring/ranking';
import { bandWord } from '$lib/words';
import Papa from 'papaparse';

const round3 = (x: number | null) => (x === null ? null : +x.toFixed(3));

export function clusterTableForExport(
	rows: readonly ClusterRow[],
	pillars: readonly { code: string }[]
): { columns: string[]; rows: (string | number | null)[][] } {
	return {
		columns: [
			m.staff_cluster_rank(),
			m.staff_cluster(),
			m.staff_cluster_kind(),
			m.staff_cluster_members(),
			m.staff_cluster_mean(),
			m.staff_cluster_median(),
			m.staff_cluster_topk({ k: 3 }),
			...pillars.map((p) => m.staff_csv_pillar_mean({ pillar: p.code })),
			...[0, 1, 2, 3].map((b) => m.staff_csv_share_in({ band: bandWord(b) })),
			m.staff_cluster_best(),
			m.staff_cluster_worst(),
			m.staff_shift_vs_baseline(),
			'MC p5',
			'MC p95'
		],
		rows: rows
			.filter((c) => c.members > 0)
			.map((c) => [
				c.rank,
				c.nameEn,
				c.kind,
				c.members,
				round3(c.mean),
				round3(c.median),
				round3(c.topKMean),
				...c.pillarMeans.map(round3),
				...c.bandShares.map((x) => +x.toFixed(3)),
				c.best ? `${c.best.name} (${c.best.rank})` : null,
				c.worst ? `${c.worst.name} (${c.worst.rank})` : null,
				c.shift,
				c.interval?.p5 ?? null,
				c.interval?.p95 ?? null
			])
	};
}

/** Saves the table as a UTF-8 CSV (with BOM, for Excel) under `name`. */
export function downloadClusterCsv(
	rows: readonly ClusterRow[],
	pillars: readonly { code: string }[],
	name: string
): void {
	const t = clusterTableForExport(rows, pillars);
	const csv = Papa.unparse({ fields: t.columns, data: t.rows.map((r) => r.map((v) => v ?? '')) });
	const a = document.createElement('a');
	a.href = URL.createObjectURL(new Blob(['\uFEFF' + csv], { type: 'text/csv;charset=utf-8' }));
	a.download = name;
	a.click();
}
