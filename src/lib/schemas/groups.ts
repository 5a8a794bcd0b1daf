import { m } from '$lib/paraglide/messages';
import Papa from 'papaparse';
import { GROUP_KINDS, type CityGroup, type GroupKind } from '../scoring/groups';

export type GroupProblem = { row: number; column: string; message: string };

export const GROUP_COLUMNS = [
	'group_code',
	'name_en',
	'name_zh',
	'kind',
	'city_id',
	'city_name'
] as const;
export const MAX_GROUPS = 100;
export const MAX_MEMBERS = 500;
const CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;

/**
 * City groups from CSV, one row per member: `group_code, name_en, name_zh, kind, city_id` (and
 * `city_name`, for people; ignored). A group's names and kind are those of its first row and must
 * not differ on later rows. Every problem is reported by row and column (header = row 1); the caller
 * saves nothing unless the list is empty.
 */
export function parseGroupsCsv(
	text: string,
	cityIds: ReadonlySet<string>
): { groups: CityGroup[]; problems: GroupProblem[] } {
	const parsed = Papa.parse<Record<string, string>>(text.replace(/^\uFEFF/, ''), {
		header: true,
		skipEmptyLines: 'greedy',
		transformHeader: (h) => h.trim()
	});
	const problems: GroupProblem[] = [];
	const fields = parsed.meta.fields ?? [];
	for (const c of GROUP_COLUMNS.slice(0, 5))
		if (!fields.includes(c))
			problems.push({ row: 1, column: c, message: m.staff_err_no_column({ column: c }) });
	for (const e of parsed.errors)
		problems.push({ row: (e.row ?? 0) + 2, column: '', message: e.message });
	if (problems.length) return { groups: [], problems };
	const byCode = new Map<string, CityGroup & { cityIds: string[] }>();
	parsed.data.forEach((r, i) => {
		const row = i + 2;
		const code = (r.group_code ?? '').trim();
		const nameEn = (r.name_en ?? '').trim();
		const nameZh = (r.name_zh ?? '').trim();
		const kind = (r.kind ?? '').trim() as GroupKind;
		const cityId = (r.city_id ?? '').trim();
		const bad = (column: string, message: string) => problems.push({ row, column, message });
		if (!CODE.test(code)) return bad('group_code', m.staff_err_group_code());
		if (nameEn.length < 1 || nameEn.length > 120) return bad('name_en', m.staff_err_group_name());
		if (nameZh.length > 120) return bad('name_zh', m.staff_err_group_name());
		if (!(GROUP_KINDS as readonly string[]).includes(kind))
			return bad('kind', m.staff_err_group_kind());
		if (!cityIds.has(cityId))
			return bad('city_id', m.staff_err_unknown_city({ id: cityId.slice(0, 40) }));
		let g = byCode.get(code);
		if (!g) {
			if (byCode.size >= MAX_GROUPS)
				return bad('group_code', m.staff_err_too_many_groups({ n: MAX_GROUPS }));
			g = { code, nameEn, nameZh, kind, cityIds: [] };
			byCode.set(code, g);
		} else if (g.nameEn !== nameEn || g.nameZh !== nameZh || g.kind !== kind)
			return bad('group_code', m.staff_err_group_differs({ code }));
		if (g.cityIds.includes(cityId)) return bad('city_id', m.staff_err_group_city_twice({ code }));
		if (g.cityIds.length >= MAX_MEMBERS)
			return bad('city_id', m.staff_err_too_many_members({ n: MAX_MEMBERS }));
		g.cityIds.push(cityId);
	});
	if (!problems.length && byCode.size === 0)
		problems.push({ row: 2, column: '', message: m.staff_err_no_groups() });
	return { groups: problems.length ? [] : [...byCode.values()], problems };
}

/** The groups as CSV (the import's format), one row per member; city names for people. */
export function groupsCsv(groups: readonly CityGroup[], cityName: (id: string) => string): string {
	return Papa.unparse({
		fields: [...GROUP_COLUMNS],
		data: groups.flatMap((g) =>
			g.cityIds.map((id) => [g.code, g.nameEn, g.nameZh, g.kind, id, cityName(id)])
		)
	});
}
