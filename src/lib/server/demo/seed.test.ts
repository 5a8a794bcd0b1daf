import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import * as t from '../db/schema';
import { createTestDb } from '../testing/db';
import { canonicalDatasetCsv, datasetContentHash } from '../datasets';
import { countComparisons } from '../../survey/index';
import { getFramework } from '../studies';
import { DEMO_CITIES, ensureDemo, seedDemo } from './seed';
import { DEMO_INDICATORS } from './framework';
import { generateSyntheticValues } from './synthetic';

describe('demo seed', () => {
	const db = createTestDb();
	const { studyId } = seedDemo(db, 'hash');

	it('has 243 cities: 144 Asian, 184 G20, 85 in both, keyed by SimpleMaps id', () => {
		expect(DEMO_CITIES).toHaveLength(243);
		expect(new Set(DEMO_CITIES.map((c) => c.id)).size).toBe(243);
		expect(DEMO_CITIES.filter((c) => c.asia)).toHaveLength(144);
		expect(DEMO_CITIES.filter((c) => c.g20)).toHaveLength(184);
		expect(DEMO_CITIES.filter((c) => c.asia && c.g20)).toHaveLength(85);
	});

	it('includes every city named in the published 2023 top-10 % lists', () => {
		const names = new Set(DEMO_CITIES.map((c) => c.nameAscii));
		for (const n of [
			'Beijing',
			'Shanghai',
			'Shenzhen',
			'Chongqing',
			'Hong Kong',
			'Nanjing',
			'Chengdu',
			'Guangzhou',
			'Hangzhou',
			'Singapore',
			'Tokyo',
			'Seoul',
			'Yokohama',
			'London',
			'Berlin',
			'New York',
			'Helsinki',
			'Hamburg',
			'Copenhagen',
			'Stockholm',
			'Moscow',
			'San Francisco',
			'Munich',
			'Paris',
			'Lyon',
			'Milan',
			'Washington'
		]) {
			expect(names.has(n), n).toBe(true);
		}
		const suzhou = DEMO_CITIES.filter((c) => c.nameAscii === 'Suzhou');
		expect(suzhou.map((c) => c.adminName)).toEqual(['Jiangsu']);
	});

	it('seeds the framework (3 pillars, 16 indicators, 38 comparisons), panel, editions and an open round', () => {
		const fw = getFramework(db, studyId);
		expect(fw.pillars.map((p) => p.indicators.length)).toEqual([5, 6, 5]);
		expect(countComparisons(fw)).toBe(38);
		expect(db.select({ n: count() }).from(t.panelists).get()?.n).toBe(32);
		expect(
			new Set(
				db
					.select()
					.from(t.panelists)
					.all()
					.map((p) => p.pseudonym)
			).size
		).toBe(32);
		const eds = db.select().from(t.editions).all();
		const sizes = Object.fromEntries(
			eds.map((e) => [
				e.slug,
				db
					.select({ n: count() })
					.from(t.editionCities)
					.where(eq(t.editionCities.editionId, e.id))
					.get()?.n
			])
		);
		expect(sizes).toEqual({ '2023-asia': 144, '2023-g20': 184 });
		expect(db.select().from(t.rounds).get()?.state).toBe('open');
		expect(
			db
				.select()
				.from(t.users)
				.all()
				.map((u) => u.email)
		).toContain('expert32@demo.test');
	});

	it('labels the dataset synthetic and hashes its canonical content', () => {
		const ds = db.select().from(t.datasets).get()!;
		expect(ds.isSynthetic).toBe(true);
		expect(ds.source).toMatch(/Synthetic demonstration data/);
		expect(ds.source).toMatch(/SimpleMaps/);
		const values = generateSyntheticValues(DEMO_CITIES, DEMO_INDICATORS);
		expect(ds.contentHash).toBe(
			datasetContentHash(
				DEMO_INDICATORS.map((i) => i.code),
				values
			)
		);
		expect(db.select({ n: count() }).from(t.datasetValues).get()?.n).toBe(243 * 16);
	});

	it('generates the same values every time, within the realistic ranges, equal within a country for national measures', () => {
		const a = generateSyntheticValues(DEMO_CITIES, DEMO_INDICATORS);
		const b = generateSyntheticValues([...DEMO_CITIES].reverse(), DEMO_INDICATORS);
		const codes = DEMO_INDICATORS.map((i) => i.code);
		expect(canonicalDatasetCsv(codes, a)).toBe(canonicalDatasetCsv(codes, b));
		for (const ind of DEMO_INDICATORS) {
			const vs = [...a.values()].map((r) => r[ind.code]).filter((v): v is number => v !== null);
			expect(Math.min(...vs), ind.code).toBeGreaterThanOrEqual(ind.rangeMin);
			expect(Math.max(...vs), ind.code).toBeLessThanOrEqual(ind.rangeMax);
			expect(new Set(vs).size, `${ind.code} discriminates`).toBeGreaterThan(
				ind.code === 'I3' ? 1 : 20
			);
		}
		const china = DEMO_CITIES.filter((c) => c.iso2 === 'CN').map((c) => a.get(c.id)!);
		expect(new Set(china.map((r) => r.D5)).size).toBe(1);
		expect(new Set(china.map((r) => r.T3)).size).toBeGreaterThan(10);
	});

	it('seeds only an empty database', async () => {
		expect(await ensureDemo(db)).toBe(false);
	});
});
