import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bundleSchema, groupsHash, verifyBundle } from '../edition/bundle';
import { groupRankIntervals } from '../scoring/groups';
import { editionRanking } from '../scoring/ranking';
import { monteCarloWeights } from '../scoring/samplers';
import { groupsCsv, parseGroupsCsv } from '../schemas/groups';
import { latestGroupSet, saveGroupSet } from './city-groups';
import * as t from './db/schema';
import { DEMO_CLUSTER_RULES } from './demo/clusters';
import { seedDemo } from './demo/seed';
import { editionReview } from './edition-review';
import { listWeightSets, lockEdition } from './editions';
import { updateScoring } from './framework';
import { previewFor } from './preview';
import { createTestDb } from './testing/db';

function setup() {
	const db = createTestDb();
	const { studyId } = seedDemo(db, 'hash');
	const coordinator = db
		.select()
		.from(t.users)
		.where(eq(t.users.email, 'coordinator@demo.test'))
		.get()!;
	const author = db.select().from(t.users).where(eq(t.users.email, 'author@demo.test')).get()!;
	const asia = db.select().from(t.editions).where(eq(t.editions.slug, '2023-asia')).get()!;
	const g20 = db.select().from(t.editions).where(eq(t.editions.slug, '2023-g20')).get()!;
	return { db, studyId, coordinator: coordinator.id, author: author.id, asia, g20 };
}

describe('the demo clusters', () => {
	it('are the release’s clusters, each with at least three member cities, by the geographic rule', () => {
		const { db, studyId } = setup();
		const set = latestGroupSet(db, studyId)!;
		expect(set.version).toBe(1);
		expect(set.groups.map((g) => g.code).sort()).toEqual(
			DEMO_CLUSTER_RULES.map((r) => r.code).sort()
		);
		const name = new Map(
			db
				.select()
				.from(t.cities)
				.all()
				.map((c) => [c.id, c.name])
		);
		const members = (code: string) =>
			set.groups.find((g) => g.code === code)!.cityIds.map((id) => name.get(id));
		for (const g of set.groups) expect(g.cityIds.length, g.code).toBeGreaterThanOrEqual(3);
		expect(members('greater-bay-area')).toEqual(
			expect.arrayContaining(['Shenzhen', 'Guangzhou', 'Hong Kong', 'Macau'])
		);
		expect(members('yangtze-delta')).toEqual(
			expect.arrayContaining(['Shanghai', 'Suzhou', 'Hangzhou', 'Nanjing'])
		);
		expect(members('persian-gulf')).toEqual(
			expect.arrayContaining(['Abu Dhabi', 'Dubai', 'Riyadh', 'Doha'])
		);
		expect(set.contentHash).toBe(groupsHash(set.groups));
	});
});

describe('city groups are versioned, validated and final', () => {
	it('an import is a new version (audited); the same content again saves nothing; the database refuses changes', () => {
		const { db, studyId, coordinator } = setup();
		const set = latestGroupSet(db, studyId)!;
		const names = new Map(
			db
				.select()
				.from(t.cities)
				.all()
				.map((c) => [c.id, c.name])
		);
		const csv = groupsCsv(set.groups, (id) => names.get(id) ?? '');
		const known = new Set(names.keys());
		const again = parseGroupsCsv(csv, known);
		expect(again.problems).toEqual([]);
		expect(groupsHash(again.groups)).toBe(set.contentHash);
		expect(
			saveGroupSet(db, { studyId, actorId: coordinator, groups: again.groups, source: 'test' })
		).toMatchObject({ unchanged: true, version: 1 });
		const fewer = again.groups.slice(1);
		const out = saveGroupSet(db, { studyId, actorId: coordinator, groups: fewer, source: 'test' });
		expect(out).toMatchObject({ unchanged: false, version: 2 });
		expect(latestGroupSet(db, studyId)!.groups).toHaveLength(fewer.length);
		const audit = db.select().from(t.auditLog).where(eq(t.auditLog.action, 'groups.save')).all();
		expect(audit).toHaveLength(1);
		const sql = db.$client;
		expect(() => sql.prepare('UPDATE city_group_sets SET content = ?').run('[]')).toThrow(/final/);
		expect(() => sql.prepare('DELETE FROM city_group_sets').run()).toThrow(/final/);
		expect(() =>
			sql
				.prepare(
					"INSERT OR REPLACE INTO city_group_sets (id, study_id, version, content, content_hash) VALUES ('x', ?, 1, '[]', 'h')"
				)
				.run(studyId)
		).toThrow(/final/);
	});

	it('a bad file is refused row by row and nothing is saved', () => {
		const known = new Set(['1', '2']);
		const r = parseGroupsCsv(
			'group_code,name_en,name_zh,kind,city_id\nBad Code,X,,coastal,1\nok,X,,seaside,1\nok,X,,coastal,999\nok,X,,coastal,1\nok,Y,,coastal,2\nok,X,,coastal,1\n',
			known
		);
		expect(r.groups).toEqual([]);
		expect(r.problems.map((p) => [p.row, p.column])).toEqual([
			[2, 'group_code'],
			[3, 'kind'],
			[4, 'city_id'],
			[6, 'group_code'],
			[7, 'city_id']
		]);
		expect(parseGroupsCsv('city_id\n1\n', known).problems[0].column).toBe('group_code');
		expect(
			parseGroupsCsv('group_code,name_en,name_zh,kind,city_id\n', known).problems
		).toHaveLength(1);
	});
});

describe('one derivation: the edition review and the preview agree', () => {
	for (const scoring of [
		{ normalisation: 'min-max', aggregation: 'arithmetic', classTopBands: 1 },
		{ normalisation: 'percentile', aggregation: 'geometric', classTopBands: 2 },
		{ normalisation: 'z-score', aggregation: 'arithmetic', classTopBands: 1 }
	] as const) {
		it(`on scores, ranks, pillar ranks, classes, clusters and cluster intervals (${scoring.normalisation}, ${scoring.aggregation})`, async () => {
			const { db, studyId, coordinator, asia } = setup();
			updateScoring(db, studyId, scoring, coordinator);
			const review = await editionReview(db, asia.id);
			expect(review.scoring).toEqual(scoring);
			const study = db.select().from(t.studies).where(eq(t.studies.id, studyId)).get()!;
			const p = previewFor(db, study, { staff: true, minGroupSize: 5 });
			expect(p.scoring).toEqual(scoring);
			const source = p.sources.find((s) => s.key === 'round-1')!;
			const members = new Set(p.editions.find((e) => e.id === asia.id)!.cityIds);
			const cities = p.cities.filter((c) => members.has(c.id));
			// The same inputs: the review's weights are the bundle's (stored at 12 decimals), the round's
			// source weights the unrounded analysis — equal to ~1e-13.
			const weights = p.indicators.map((i) => review.shown!.indicators[i.code]);
			weights.forEach((w, i) => expect(Math.abs(w - source.weights[i])).toBeLessThan(1e-12));
			// The browser's path: the preview's data, the preview's function.
			const r = editionRanking({
				cities,
				indicators: p.indicators,
				pillars: p.pillars.map((x) => x.code),
				weights,
				method: scoring,
				groups: p.groups,
				classRule: { topBands: scoring.classTopBands }
			});
			const ranking = review.ranking!;
			for (const row of ranking.top) {
				const c = cities.findIndex((x) => x.name === row.name && x.country === row.country);
				expect(Math.abs(r.total.scores[c]! - row.score)).toBeLessThan(1e-12);
				expect(r.total.ranks[c]).toBe(row.rank);
				expect(r.subscales.map((s) => s.ranks[c])).toEqual(row.pillarRanks);
				expect(r.classes[c]).toBe(row.cityClass);
			}
			expect(ranking.clusters.length).toBe(p.groups.length);
			const sets = monteCarloWeights({
				nominal: weights,
				draws: review.mc.draws,
				seed: review.mc.seed,
				noise: 0,
				bootstrap: p.bootstraps['round-1']
			});
			const intervals = groupRankIntervals(r.matrix, sets, r.clusters, {
				aggregation: scoring.aggregation
			});
			for (const row of ranking.clusters) {
				const g = r.clusters.findIndex((f) => f.code === row.code);
				expect(row.rank).toBe(r.clusters[g].rank);
				if (row.mean !== null)
					expect(Math.abs(row.mean - r.clusters[g].meanScore!)).toBeLessThan(1e-12);
				expect(row.interval).toEqual(intervals[g]);
				if (row.interval?.p5 != null)
					expect(row.rank!).toBeGreaterThanOrEqual(Math.floor(row.interval.p5) - 1);
			}
		}, 120_000);
	}

	it('a lock records the method and the groups; verification recomputes the groups’ hash; the review keeps the locked ones', async () => {
		const { db, studyId, coordinator, author, asia } = setup();
		updateScoring(
			db,
			studyId,
			{ normalisation: 'percentile', aggregation: 'arithmetic', classTopBands: 2 },
			coordinator
		);
		lockEdition(db, { editionId: asia.id, actorId: author, acceptWarnings: true });
		const bundle = bundleSchema.parse(JSON.parse(listWeightSets(db, asia.id)[0].bundle));
		expect(bundle.scoring).toEqual({
			normalisation: 'percentile',
			aggregation: 'arithmetic',
			classTopBands: 2
		});
		expect(bundle.groups!.version).toBe(1);
		expect(verifyBundle(bundle)).toMatchObject({ ok: true, groupsMatch: true });
		const tampered = {
			...bundle,
			groups: { ...bundle.groups!, groups: bundle.groups!.groups.slice(1) }
		};
		expect(verifyBundle(tampered)).toMatchObject({ ok: false, groupsMatch: false });
		// Later changes of the study's method and groups do not change what the locked edition shows.
		updateScoring(
			db,
			studyId,
			{ normalisation: 'min-max', aggregation: 'geometric', classTopBands: 1 },
			coordinator
		);
		saveGroupSet(db, {
			studyId,
			actorId: coordinator,
			groups: bundle.groups!.groups.slice(0, 2),
			source: 'test'
		});
		const review = await editionReview(db, asia.id);
		expect(review.scoring).toEqual(bundle.scoring);
		expect(review.ranking!.clusters).toHaveLength(bundle.groups!.groups.length);
	}, 120_000);
});
