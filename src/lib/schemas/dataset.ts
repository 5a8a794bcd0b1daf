import { m } from '$lib/paraglide/messages';
import Papa from 'papaparse';

export type DatasetIndicator = { code: string; rangeMin: number | null; rangeMax: number | null };
export type DatasetProblem = { row: number; column: string; message: string };
export type ParsedDataset = {
	values: Map<string, Record<string, number | null>>;
	problems: DatasetProblem[];
	rows: number;
};

export const DATASET_ID_COLUMNS = ['city_id', 'name', 'country', 'region'] as const;

/**
 * An edition's dataset from CSV: `city_id, name, country, region`, then one column per indicator
 * code. Every problem is reported by row and column (unknown city or indicator, text where a number
 * belongs, a value outside the indicator's range, a city twice); the caller imports nothing unless
 * the list is empty. Empty cells are missing values. Row numbers count the header as row 1.
 */
export function parseDatasetCsv(
	text: string,
	known: { cityIds: ReadonlySet<string>; indicators: readonly DatasetIndicator[] }
): ParsedDataset {
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (h) => h.trim()
	});
	const problems: DatasetProblem[] = [];
	const values = new Map<string, Record<string, number | null>>();
	const fields = parsed.meta.fields ?? [];
	const codes = new Set(known.indicators.map((i) => i.code));
	if (!fields.includes('city_id'))
		problems.push({
			row: 1,
			column: 'city_id',
			message: m.staff_err_no_column({ column: 'city_id' })
		});
	for (const f of fields) {
		if (!(DATASET_ID_COLUMNS as readonly string[]).includes(f) && !codes.has(f))
			problems.push({
				row: 1,
				column: f,
				message: `“${f}” is not an indicator of this framework.`
			});
	}
	for (const ind of known.indicators)
		if (!fields.includes(ind.code))
			problems.push({
				row: 1,
				column: ind.code,
				message: m.staff_err_indicator_no_column({ code: ind.code })
			});
	for (const e of parsed.errors)
		problems.push({ row: (e.row ?? 0) + 2, column: '', message: e.message });
	if (problems.length) return { values, problems, rows: parsed.data.length };
	const firstRow = new Map<string, number>();
	parsed.data.forEach((r, i) => {
		const row = i + 2;
		const id = (r.city_id ?? '').trim();
		if (!id)
			return void problems.push({ row, column: 'city_id', message: m.staff_err_no_city_id() });
		if (!known.cityIds.has(id))
			problems.push({ row, column: 'city_id', message: m.staff_err_unknown_city({ id }) });
		const first = firstRow.get(id);
		if (first)
			problems.push({
				row,
				column: 'city_id',
				message: m.staff_err_city_twice({ id, row: first })
			});
		else firstRow.set(id, row);
		const out: Record<string, number | null> = {};
		for (const ind of known.indicators) {
			const cell = (r[ind.code] ?? '').trim();
			if (cell === '') {
				out[ind.code] = null;
				continue;
			}
			const v = Number(cell.replace(/,(?=\d{3}\b)/g, ''));
			if (!Number.isFinite(v)) {
				problems.push({ row, column: ind.code, message: `“${cell}” is not a number.` });
				continue;
			}
			if (
				(ind.rangeMin !== null && v < ind.rangeMin) ||
				(ind.rangeMax !== null && v > ind.rangeMax)
			) {
				problems.push({
					row,
					column: ind.code,
					message: `${v} is outside the indicator's range ${ind.rangeMin ?? '−∞'} … ${ind.rangeMax ?? '∞'}.`
				});
				continue;
			}
			out[ind.code] = v;
		}
		if (!first) values.set(id, out);
	});
	if (parsed.data.length === 0)
		problems.push({ row: 2, column: '', message: m.staff_err_no_cities() });
	return { values, problems, rows: parsed.data.length };
}

export function datasetToCsv(
	indicatorCodes: readonly string[],
	rows: readonly {
		id: string;
		name: string;
		country: string;
		region: string;
		values: readonly (number | null)[];
	}[]
): string {
	return (
		'\uFEFF' +
		Papa.unparse(
			{
				fields: [...DATASET_ID_COLUMNS, ...indicatorCodes],
				data: rows.map((r) => [
					r.id,
					r.name,
					r.country,
					r.region,
					...r.values.map((v) => (v === null ? '' : v))
				])
			},
			{ newline: '\r\n' }
		)
	);
}
