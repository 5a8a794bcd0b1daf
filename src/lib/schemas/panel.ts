import { m } from '$lib/paraglide/messages';
import Papa from 'papaparse';
import { z } from 'zod';
import { locales } from '../paraglide/runtime';
import { emailSchema, nameSchema } from './auth';

export const expertRowSchema = z
	.object({
		name: nameSchema,
		email: emailSchema,
		affiliation: z.string().trim().max(200).default(''),
		region: z.string().trim().max(80).default(''),
		expertise: z.string().trim().max(80).default(''),
		/** The invitation's language (en, zh or ar); empty or absent: English. */
		language: z.preprocess(
			(v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
			z.enum(locales, { error: () => m.staff_err_csv_language() }).default('en')
		)
	})
	.transform(({ language, ...row }) => ({ ...row, locale: language }));
export type ExpertRow = z.infer<typeof expertRowSchema>;
export type RowProblem = { row: number; column: string; message: string };

/**
 * Parses an experts CSV (header: name, email, affiliation, region, expertise, language — the
 * last four optional; UTF-8, comma or semicolon). Every problem is reported by row and column; the caller imports nothing unless the list
 * of problems is empty. Row numbers count the header as row 1, as spreadsheets do.
 */
export function parseExpertsCsv(text: string): { rows: ExpertRow[]; problems: RowProblem[] } {
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (h) => h.trim().toLowerCase()
	});
	const problems: RowProblem[] = [];
	const fields = parsed.meta.fields ?? [];
	for (const required of ['name', 'email']) {
		if (!fields.includes(required))
			problems.push({
				row: 1,
				column: required,
				message: m.staff_err_no_column({ column: required })
			});
	}
	for (const e of parsed.errors)
		problems.push({ row: (e.row ?? 0) + 2, column: '', message: e.message });
	if (problems.length) return { rows: [], problems };
	const rows: ExpertRow[] = [];
	const seen = new Map<string, number>();
	parsed.data.forEach((raw, i) => {
		const rowNo = i + 2;
		const email = (raw.email ?? '').trim().toLowerCase();
		const first = email ? seen.get(email) : undefined;
		if (email && !first) seen.set(email, rowNo);
		const r = expertRowSchema.safeParse(raw);
		if (!r.success)
			for (const issue of r.error.issues)
				problems.push({ row: rowNo, column: String(issue.path[0] ?? ''), message: issue.message });
		if (first)
			problems.push({
				row: rowNo,
				column: 'email',
				message: `${email} also appears on row ${first}.`
			});
		if (r.success && !first) rows.push(r.data);
	});
	if (rows.length === 0 && problems.length === 0)
		problems.push({ row: 2, column: '', message: m.staff_err_no_experts() });
	return { rows, problems };
}
