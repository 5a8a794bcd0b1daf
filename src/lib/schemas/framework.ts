import { m } from '$lib/paraglide/messages';
import Papa from 'papaparse';
import { z } from 'zod';
import { plainNumber } from './form-values';

const code = z
	.string()
	.trim()
	.min(1, { error: 'A code is needed.' })
	.max(16)
	.regex(/^[A-Za-z0-9_.-]+$/, { error: () => m.staff_err_code_chars() });
const text = (max: number) => z.string().trim().max(max).default('');

export const indicatorSchema = z.object({
	code,
	nameEn: z
		.string()
		.trim()
		.min(1, { error: () => m.staff_err_english_name() })
		.max(160),
	nameZh: text(160),
	descriptionEn: text(1000),
	descriptionZh: text(1000),
	unit: text(120),
	direction: z.union([z.literal(1), z.literal(-1)], {
		error: () => m.staff_err_direction()
	}),
	rangeMin: z.number().finite().nullable().default(null),
	rangeMax: z.number().finite().nullable().default(null),
	isNational: z.boolean().default(false)
});

export const pillarSchema = z.object({
	code,
	nameEn: z
		.string()
		.trim()
		.min(1, { error: () => m.staff_err_english_name() })
		.max(160),
	nameZh: text(160),
	descriptionEn: text(1000),
	descriptionZh: text(1000),
	indicators: z
		.array(indicatorSchema)
		.min(1, { error: 'A pillar needs at least one indicator.' })
		.max(15, { error: () => m.staff_err_max_15() })
});

/** A framework: 2 … 15 pillars, each with 1 … 15 indicators, codes unique across the framework. */
export const frameworkSchema = z
	.object({
		pillars: z
			.array(pillarSchema)
			.min(2, { error: 'A framework needs at least two pillars to compare.' })
			.max(15)
	})
	.superRefine((fw, ctx) => {
		const seen = new Set<string>();
		fw.pillars.forEach((p, i) => {
			for (const [c, path] of [
				[p.code, ['pillars', i, 'code']],
				...p.indicators.map(
					(ind, j) => [ind.code, ['pillars', i, 'indicators', j, 'code']] as const
				)
			] as const) {
				if (seen.has(c))
					ctx.addIssue({
						code: 'custom',
						path: [...path],
						message: m.staff_err_code_twice({ code: c })
					});
				seen.add(c);
			}
			p.indicators.forEach((ind, j) => {
				if (ind.rangeMin !== null && ind.rangeMax !== null && ind.rangeMin >= ind.rangeMax) {
					ctx.addIssue({
						code: 'custom',
						path: ['pillars', i, 'indicators', j, 'rangeMax'],
						message: `${ind.code}: the range's maximum must exceed its minimum.`
					});
				}
			});
		});
	});
export type FrameworkInput = z.infer<typeof frameworkSchema>;

export const FRAMEWORK_CSV_COLUMNS = [
	'pillar_code',
	'pillar_name_en',
	'pillar_name_zh',
	'code',
	'name_en',
	'name_zh',
	'description_en',
	'description_zh',
	'unit',
	'direction',
	'range_min',
	'range_max',
	'national'
] as const;

/** An optional plain decimal; anything else ('0x3', '1e400') becomes NaN, which the schema refuses. */
const num = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : plainNumber(v));

/** A framework from CSV, one row per indicator (its pillar named on every row). */
export function parseFrameworkCsv(textIn: string): {
	framework: FrameworkInput | null;
	problems: string[];
} {
	const parsed = Papa.parse<Record<string, string>>(textIn.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (h) => h.trim().toLowerCase()
	});
	const problems: string[] = [];
	for (const c of ['pillar_code', 'pillar_name_en', 'code', 'name_en', 'direction'])
		if (!parsed.meta.fields?.includes(c)) problems.push(m.staff_err_no_column({ column: c }));
	if (problems.length) return { framework: null, problems };
	const pillars: Record<string, unknown>[] = [];
	parsed.data.forEach((r, i) => {
		const dir = (r.direction ?? '').trim().toLowerCase();
		const direction = ['1', '+1', 'higher', 'up', '↑'].includes(dir)
			? 1
			: ['-1', '−1', 'lower', 'down', '↓'].includes(dir)
				? -1
				: Number.NaN;
		if (Number.isNaN(direction))
			problems.push(m.staff_err_row_direction({ row: i + 2, value: r.direction ?? '' }));
		let p = pillars.find((x) => x.code === r.pillar_code?.trim());
		if (!p) {
			p = {
				code: r.pillar_code?.trim(),
				nameEn: r.pillar_name_en,
				nameZh: r.pillar_name_zh ?? '',
				indicators: []
			};
			pillars.push(p);
		}
		(p.indicators as unknown[]).push({
			code: r.code,
			nameEn: r.name_en,
			nameZh: r.name_zh ?? '',
			descriptionEn: r.description_en ?? '',
			descriptionZh: r.description_zh ?? '',
			unit: r.unit ?? '',
			direction,
			rangeMin: num(r.range_min),
			rangeMax: num(r.range_max),
			isNational: ['1', 'true', 'yes'].includes((r.national ?? '').trim().toLowerCase())
		});
	});
	if (problems.length) return { framework: null, problems };
	return parseFrameworkJson({ pillars });
}

export function parseFrameworkJson(value: unknown): {
	framework: FrameworkInput | null;
	problems: string[];
} {
	const r = frameworkSchema.safeParse(value);
	if (r.success) return { framework: r.data, problems: [] };
	return {
		framework: null,
		problems: r.error.issues.map(
			(i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`
		)
	};
}

export function frameworkToCsv(fw: FrameworkInput): string {
	const rows = fw.pillars.flatMap((p) =>
		p.indicators.map((i) => ({
			pillar_code: p.code,
			pillar_name_en: p.nameEn,
			pillar_name_zh: p.nameZh,
			code: i.code,
			name_en: i.nameEn,
			name_zh: i.nameZh,
			description_en: i.descriptionEn,
			description_zh: i.descriptionZh,
			unit: i.unit,
			direction: i.direction === 1 ? 'higher' : 'lower',
			range_min: i.rangeMin ?? '',
			range_max: i.rangeMax ?? '',
			national: i.isNational ? 'yes' : ''
		}))
	);
	return Papa.unparse({
		fields: [...FRAMEWORK_CSV_COLUMNS],
		data: rows.map((r) => FRAMEWORK_CSV_COLUMNS.map((c) => r[c]))
	});
}
