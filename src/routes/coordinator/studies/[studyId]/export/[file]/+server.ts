import { m as msg } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { roundData, roundTables, toCsv, toJsonBundle } from '$lib/server/exports';
import { runHeavy } from '$lib/server/heavy';
import { limitHeavy } from '$lib/server/heavy-limits';
import { readFramework } from '$lib/server/framework';
import { requireStudyRole } from '$lib/server/guards';
import { appendAudit } from '$lib/server/audit';
import { frameworkToCsv } from '$lib/schemas/framework';
import { datasetToCsv } from '$lib/schemas/dataset';
import { previewData } from '$lib/server/preview';
import { latestGroupSet } from '$lib/server/city-groups';
import { cities } from '$lib/server/db/schema';
import { groupsCsv } from '$lib/schemas/groups';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

const CSV = 'text/csv; charset=utf-8';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function download(body: BodyInit, type: string, name: string) {
	return new Response(body, {
		headers: {
			'content-type': type,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-store'
		}
	});
}

/** Downloads: framework.{csv,json}; dataset.csv; groups.csv; round-N.{xlsx,json}; round-N-{judgements,experts,group,consensus}.csv */
export const GET: RequestHandler = async (event) => {
	const db = getDb();
	const { user, study } = requireStudyRole(db, event, event.params.studyId, 'coordinator');
	limitHeavy(event, 'export');
	const file = event.params.file;
	if (file === 'framework.csv')
		return download(
			frameworkToCsv(readFramework(db, study.id)),
			CSV,
			`${study.slug}-framework.csv`
		);
	if (file === 'dataset.csv') {
		const p = previewData(db, study.id);
		return download(
			datasetToCsv(
				p.indicators.map((i) => i.code),
				p.cities
			),
			CSV,
			`${study.slug}-dataset-v${p.dataset?.version ?? 0}.csv`
		);
	}
	if (file === 'groups.csv') {
		const set = latestGroupSet(db, study.id);
		const names = new Map(
			db
				.select({ id: cities.id, name: cities.name })
				.from(cities)
				.all()
				.map((c) => [c.id, c.name])
		);
		return download(
			groupsCsv(set?.groups ?? [], (id) => names.get(id) ?? ''),
			CSV,
			`${study.slug}-clusters-v${set?.version ?? 0}.csv`
		);
	}
	if (file === 'framework.json')
		return download(
			JSON.stringify(readFramework(db, study.id), null, 2),
			'application/json',
			`${study.slug}-framework.json`
		);
	const m = /^round-(\d+)(?:-(judgements|experts|group|consensus))?\.(csv|xlsx|json)$/.exec(file);
	if (!m) error(404, msg.staff_err_no_export());
	const [, n, part, ext] = m;
	if (!/^[1-9]\d{0,2}$/.test(n)) error(404, msg.staff_err_no_export());
	const d = roundData(db, study.id, Number(n));
	if (!d) error(404, msg.staff_err_round_not_started({ n }));
	const tables = roundTables(db, d);
	appendAudit(db, {
		actorId: user.id,
		action: 'export.download',
		studyId: study.id,
		targetType: 'round',
		targetId: d.round.id,
		after: { file }
	});
	const base = `${study.slug}-round-${n}`;
	if (ext === 'xlsx' && !part)
		return download(
			await runHeavy({ kind: 'xlsx', tables, meta: { study: study.title, round: d.round.number } }),
			XLSX,
			`${base}.xlsx`
		);
	if (ext === 'json' && !part)
		return download(
			JSON.stringify(toJsonBundle(d, tables), null, 2),
			'application/json',
			`${base}.json`
		);
	if (ext === 'csv' && part) {
		const t = tables.find((x) =>
			x.name.toLowerCase().startsWith(part === 'group' ? 'group' : part)
		);
		if (t) return download(toCsv(t), CSV, `${base}-${part}.csv`);
	}
	error(404, msg.staff_err_no_export());
};
