/**
 * Round exports for coordinators: judgements (pseudonymised), individual weights and CRs, group
 * weights and consensus statistics — as CSV (UTF-8 with a byte-order mark, so Excel reads Chinese
 * text correctly), one XLSX workbook, or one JSON bundle. Never names or emails.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { positionToValue } from '../ahp/index';
import { eq } from 'drizzle-orm';
import type { Tx } from './db';
import { judgments, responses } from './db/schema';
import { cockpitData, type CockpitData } from './cockpit';
import { pairKey } from '../survey/index';

export type Table = { name: string; columns: string[]; rows: (string | number | null)[][] };

type RoundData = CockpitData & {
	round: NonNullable<CockpitData['round']>;
	analysis: NonNullable<CockpitData['analysis']>;
};

export function roundData(tx: Tx, studyId: string, roundNumber: number): RoundData | null {
	const d = cockpitData(tx, studyId, roundNumber);
	if (!d || !d.round || !('analysis' in d) || !d.analysis) return null;
	return d as RoundData;
}

const codeOf = (d: RoundData, node: string, id: string) =>
	node === 'goal'
		? d.nodes[0].items.find((i) => i.id === id)!.code
		: d.nodes.find((n) => n.key === node)!.items.find((i) => i.id === id)!.code;
const nodeCode = (d: RoundData, key: string) =>
	key === 'goal' ? 'goal' : d.nodes.find((n) => n.key === key)!.code;
const r6 = (x: number | null | undefined) =>
	x === null || x === undefined ? null : Math.round(x * 1e6) / 1e6;

export function roundTables(tx: Tx, d: RoundData): Table[] {
	const seats = new Map(d.experts.map((e) => [e.id, e]));
	const judgements: Table = {
		name: 'Judgements',
		columns: ['round', 'expert', 'status', 'node', 'item_a', 'item_b', 'position', 'a_ij'],
		rows: []
	};
	const rs = tx.select().from(responses).where(eq(responses.roundId, d.round.id)).all();
	for (const r of rs) {
		const seat = seats.get(r.panelistId);
		if (!seat) continue;
		const js = tx.select().from(judgments).where(eq(judgments.responseId, r.id)).all();
		for (const j of js) {
			judgements.rows.push([
				d.round.number,
				seat.pseudonym,
				r.state,
				nodeCode(d, j.node),
				codeOf(d, j.node, j.itemA),
				codeOf(d, j.node, j.itemB),
				j.position,
				j.position === null ? null : r6(positionToValue(j.position))
			]);
		}
	}
	judgements.rows.sort(
		(a, b) => String(a[1]).localeCompare(String(b[1])) || String(a[3]).localeCompare(String(b[3]))
	);
	const indicatorCodes = d.analysis.indicators.map(
		(id) =>
			d.nodes
				.slice(1)
				.flatMap((n) => n.items)
				.find((i) => i.id === id)!.code
	);
	const experts: Table = {
		name: 'Experts',
		columns: [
			'round',
			'expert',
			'region',
			'expertise',
			'status',
			'included',
			'weight',
			...d.nodes.map((n) => `cr_${nodeCode(d, n.key)}`),
			...indicatorCodes.map((c) => `w_${c}`)
		],
		rows: d.experts.map((e) => [
			d.round.number,
			e.pseudonym,
			e.region,
			e.expertise,
			e.status,
			e.status === 'submitted' && !e.excluded ? 'yes' : 'no',
			e.weight,
			...d.nodes.map((n) => r6(e.cr[n.key])),
			...indicatorCodes.map((_, i) => r6(e.globalWeights?.[i]))
		])
	};
	const group: Table = {
		name: 'Group weights',
		columns: ['round', 'level', 'code', 'weight'],
		rows: [
			...d.nodes[0].items.map(
				(p, i) =>
					[d.round.number, 'pillar', p.code, r6(d.analysis.pillarWeights?.[i])] as (
						string | number | null
					)[]
			),
			...indicatorCodes.map(
				(c, i) =>
					[d.round.number, 'indicator', c, r6(d.analysis.globalWeights?.[i])] as (
						string | number | null
					)[]
			)
		]
	};
	const consensus: Table = {
		name: 'Consensus',
		columns: [
			'round',
			'node',
			'respondents',
			's_star',
			'consensus',
			'group_cr',
			'share_acceptable',
			'kendall_w',
			'kendall_p',
			'stability_pp'
		],
		rows: d.nodes.map((n) => {
			const na = d.analysis.nodes[n.key];
			return [
				d.round.number,
				nodeCode(d, n.key),
				na.respondents,
				r6(na.consensus?.sStar),
				na.consensus?.label ?? null,
				r6(na.groupConsistency?.cr),
				r6(na.shareAcceptable),
				r6(d.analysis.kendall?.w),
				r6(d.analysis.kendall?.pValue),
				r6(d.analysis.stability?.meanAbsoluteChangePP)
			];
		})
	};
	return [judgements, experts, group, consensus];
}

export function toCsv(t: Table): string {
	return (
		'\uFEFF' +
		Papa.unparse(
			{ fields: t.columns, data: t.rows.map((r) => r.map((v) => (v === null ? '' : v))) },
			{ newline: '\r\n' }
		)
	);
}

export async function toXlsx(
	tables: Table[],
	meta: { study: string; round: number }
): Promise<Uint8Array<ArrayBuffer>> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'Concord';
	wb.title = `${meta.study} — round ${meta.round}`;
	for (const t of tables) {
		const ws = wb.addWorksheet(t.name);
		ws.addRow(t.columns).font = { bold: true };
		for (const r of t.rows) ws.addRow(r);
		ws.views = [{ state: 'frozen', ySplit: 1 }];
		ws.columns.forEach((c) => (c.width = 14));
	}
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

export function toJsonBundle(d: RoundData, tables: Table[]) {
	return {
		format: 'concord-round-export/1',
		exportedAt: new Date().toISOString(),
		study: { title: d.study.title, settings: d.settings },
		round: { number: d.round.number, state: d.round.state },
		note: 'Experts are pseudonymised. a_ij is the judgement of item_a over item_b on Saaty’s scale; position is its 17-point scale position (−8 … 8, positive favours item_a).',
		tables: Object.fromEntries(
			tables.map((t) => [
				t.name,
				t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i]])))
			])
		)
	};
}

export { pairKey };
