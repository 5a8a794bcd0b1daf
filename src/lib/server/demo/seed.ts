/**
 * The demo study: seeded into an empty database in demo mode only. Deterministic in its data (cities,
 * synthetic values, people, framework); only timestamps depend on when it runs.
 */
import { count, eq } from 'drizzle-orm';
import { appendAudit } from '../audit';
import { datasetContentHash } from '../datasets';
import { canonicalGroups, canonicalJson, groupsHash } from '../../edition/bundle';
import { DEMO_CLUSTER_SOURCE, demoClusters } from './clusters';
import type { DB } from '../db';
import * as t from '../db/schema';
import { hashPassword } from '../password';
import { pseudonymFor } from '../panelists';
import { generateId } from '../tokens';
import { DEFAULT_STUDY_SETTINGS } from '../../schemas/study';
import { syntheticPanel } from '../../testing/synthetic-panel';
import { valueToPosition } from '../../ahp/index';
import citiesJson from './cities.json';
import { DEMO_INDICATORS, DEMO_PILLARS } from './framework';
import { DEMO_EXPERTS } from './people';
import { SYNTHETIC_LABEL, generateSyntheticValues } from './synthetic';

export const DEMO_PASSWORD = 'concord-demo';
export const DEMO_COORDINATOR = 'coordinator@demo.test';
export const DEMO_AUTHOR = 'author@demo.test';
export const demoExpertEmail = (i: number) => `expert${String(i).padStart(2, '0')}@demo.test`;
export const DEMO_STUDY_SLUG = 'smart-cities-2023';
export const DEMO_DATASET_NAME = 'Smart city indicators 2023 (synthetic)';

export type DemoCity = (typeof citiesJson)[number];
export const DEMO_CITIES: DemoCity[] = citiesJson;

/** Seeds the demo when the database has no users yet. Returns whether it seeded. */
export async function ensureDemo(db: DB, now = Date.now()): Promise<boolean> {
	const users = db.select({ n: count() }).from(t.users).get()?.n ?? 0;
	if (users > 0) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	seedDemo(db, passwordHash, now);
	return true;
}

/** Writes the whole demo in one transaction (synchronous, as better-sqlite3 requires). */
export function seedDemo(db: DB, passwordHash: string, now = Date.now()): { studyId: string } {
	const at = new Date(now);
	return db.transaction((tx) => {
		const coordinatorId = generateId();
		const authorId = generateId();
		tx.insert(t.users)
			.values([
				{
					id: coordinatorId,
					email: DEMO_COORDINATOR,
					name: 'Dana Coordinator (demo)',
					passwordHash,
					canCreateStudies: true,
					createdAt: at
				},
				{
					id: authorId,
					email: DEMO_AUTHOR,
					name: 'Avery Author (demo)',
					passwordHash,
					createdAt: at
				}
			])
			.run();

		const studyId = generateId();
		tx.insert(t.studies)
			.values({
				id: studyId,
				slug: DEMO_STUDY_SLUG,
				title: 'Asia & G20 Smart City Rankings 2023 (demo)',
				description:
					'Weighting 16 indicators of traditional, digital and institutional infrastructure for 243 cities (144 Asian, 184 G20, 85 in both). Demo study: the panel is invented and the indicator values are synthetic demonstration data.',
				titleZh: '2023 年亚洲与二十国集团智慧城市排名（演示）',
				descriptionZh:
					'为 243 个城市（亚洲 144 个、二十国集团 184 个、两者皆属 85 个）的传统、数字与制度基础设施 16 项指标确定权重。演示研究：专家组为虚构，指标值为合成演示数据。',
				settings: DEFAULT_STUDY_SETTINGS,
				frozenAt: at,
				isDemo: true,
				createdBy: coordinatorId,
				createdAt: at
			})
			.run();
		tx.insert(t.memberships)
			.values([
				{ studyId, userId: coordinatorId, role: 'coordinator' },
				{ studyId, userId: authorId, role: 'author' }
			])
			.run();

		const pillarIds = new Map<string, string>();
		DEMO_PILLARS.forEach((p, position) => {
			const id = generateId();
			pillarIds.set(p.code, id);
			tx.insert(t.pillars)
				.values({ id, studyId, position, ...p })
				.run();
		});
		DEMO_INDICATORS.forEach((ind, position) => {
			const { pillar, ...rest } = ind;
			tx.insert(t.indicators)
				.values({ id: generateId(), studyId, pillarId: pillarIds.get(pillar)!, position, ...rest })
				.run();
		});

		DEMO_EXPERTS.forEach((e, i) => {
			const userId = generateId();
			tx.insert(t.users)
				.values({
					id: userId,
					email: demoExpertEmail(i + 1),
					name: e.name,
					passwordHash,
					locale: e.region === 'East Asia' && i > 0 ? 'zh' : 'en',
					createdAt: at
				})
				.run();
			tx.insert(t.memberships).values({ studyId, userId, role: 'expert' }).run();
			tx.insert(t.panelists)
				.values({
					id: generateId(),
					studyId,
					userId,
					name: e.name,
					email: demoExpertEmail(i + 1),
					affiliation: e.affiliation,
					region: e.region,
					expertise: e.expertise,
					pseudonym: pseudonymFor(i),
					state: 'active',
					createdAt: new Date(now + i)
				})
				.run();
		});

		for (const c of DEMO_CITIES) {
			tx.insert(t.cities)
				.values({
					id: c.id,
					name: c.name,
					nameAscii: c.nameAscii,
					country: c.country,
					iso2: c.iso2,
					adminName: c.adminName,
					region: c.region,
					lat: c.lat,
					lng: c.lng,
					population: c.population
				})
				.onConflictDoNothing()
				.run();
		}
		const values = generateSyntheticValues(DEMO_CITIES, DEMO_INDICATORS);
		const codes = DEMO_INDICATORS.map((i) => i.code);
		const datasetId = generateId();
		tx.insert(t.datasets)
			.values({
				id: datasetId,
				studyId,
				name: DEMO_DATASET_NAME,
				version: 1,
				contentHash: datasetContentHash(codes, values),
				isSynthetic: true,
				source: `${SYNTHETIC_LABEL}. Generated by a seeded script (src/lib/server/demo/synthetic.ts) within realistic ranges. City names, countries and coordinates: SimpleMaps World Cities Basic (CC BY 4.0).`,
				createdBy: coordinatorId,
				createdAt: at
			})
			.run();
		const valueRows = [...values].flatMap(([cityId, row]) =>
			codes.map((code) => ({ datasetId, cityId, indicatorCode: code, value: row[code] }))
		);
		for (let i = 0; i < valueRows.length; i += 500)
			tx.insert(t.datasetValues)
				.values(valueRows.slice(i, i + 500))
				.run();

		// The release's clusters, by the documented geographic rule (demo/clusters.ts).
		const groups = canonicalGroups(demoClusters(DEMO_CITIES));
		tx.insert(t.cityGroupSets)
			.values({
				id: generateId(),
				studyId,
				version: 1,
				content: canonicalJson(groups),
				contentHash: groupsHash(groups),
				source: DEMO_CLUSTER_SOURCE,
				createdBy: coordinatorId,
				createdAt: at
			})
			.run();

		const roundId = generateId();
		tx.insert(t.rounds)
			.values({
				id: roundId,
				studyId,
				number: 1,
				state: 'open',
				openedAt: at,
				closesAt: new Date(now + 14 * 24 * 3600_000),
				createdAt: at
			})
			.run();

		seedRoundOneResponses(tx, { studyId, roundId, pillarIds, now });

		const editions = [
			{
				slug: '2023-asia',
				title: '2023 Asia Smart City Ranking',
				members: DEMO_CITIES.filter((c) => c.asia)
			},
			{
				slug: '2023-g20',
				title: '2023 G20 Smart City Ranking',
				members: DEMO_CITIES.filter((c) => c.g20)
			}
		];
		for (const e of editions) {
			const editionId = generateId();
			tx.insert(t.editions)
				.values({
					id: editionId,
					studyId,
					slug: e.slug,
					title: e.title,
					year: 2023,
					datasetId,
					roundId,
					createdBy: authorId,
					createdAt: at
				})
				.run();
			tx.insert(t.editionCities)
				.values(e.members.map((c) => ({ editionId, cityId: c.id })))
				.run();
		}
		appendAudit(
			tx,
			{
				actorId: null,
				action: 'demo.seed',
				studyId,
				after: { experts: DEMO_EXPERTS.length, cities: DEMO_CITIES.length }
			},
			now
		);
		return { studyId };
	});
}

/** Demo experts 09 … 32 have submitted round 1; 05 … 08 have partial drafts; 01 … 04 have not started. */
export const DEMO_SUBMITTED_FROM = 9;
export const DEMO_DRAFT_FROM = 5;

/**
 * Synthetic round-1 answers (seeded, plausible, varied; some inconsistent) so that a first look at
 * the cockpit shows a real picture. The same generator as the engine's tests and benchmark.
 */
function seedRoundOneResponses(
	tx: Parameters<Parameters<DB['transaction']>[0]>[0],
	o: { studyId: string; roundId: string; pillarIds: Map<string, string>; now: number }
) {
	const indicatorIds = new Map(
		tx
			.select({ id: t.indicators.id, code: t.indicators.code })
			.from(t.indicators)
			.all()
			.map((r) => [r.code, r.id])
	);
	const hierarchy = {
		goal: { id: 'goal', items: DEMO_PILLARS.map((p) => o.pillarIds.get(p.code)!) },
		pillars: DEMO_PILLARS.map((p) => ({
			id: o.pillarIds.get(p.code)!,
			items: DEMO_INDICATORS.filter((i) => i.pillar === p.code).map((i) =>
				indicatorIds.get(i.code)!
			)
		}))
	};
	// Generated over codes, not over the (random) database ids: every demo install gets the same panel.
	const byCode = {
		goal: { id: 'goal', items: DEMO_PILLARS.map((p) => p.code) },
		pillars: DEMO_PILLARS.map((p) => ({
			id: p.code,
			items: DEMO_INDICATORS.filter((i) => i.pillar === p.code).map((i) => i.code)
		}))
	};
	const generated = syntheticPanel(byCode, {
		experts: DEMO_EXPERTS.length,
		seed: 'concord-demo-round-1',
		noise: 0.5,
		skipShare: 0.04
	});
	const codeNodes = [byCode.goal, ...byCode.pillars];
	const idNodes = [hierarchy.goal, ...hierarchy.pillars];
	const panel = generated.map((e) => ({
		...e,
		matrices: Object.fromEntries(idNodes.map((n, k) => [n.id, e.matrices[codeNodes[k].id]]))
	}));
	const seats = tx.select().from(t.panelists).where(eq(t.panelists.studyId, o.studyId)).all();
	const byEmail = new Map(seats.map((s) => [s.email, s]));
	const nodes = [hierarchy.goal, ...hierarchy.pillars];
	panel.forEach((expert, k) => {
		const n = k + 1;
		if (n < DEMO_DRAFT_FROM) return;
		const seat = byEmail.get(demoExpertEmail(n))!;
		const submitted = n >= DEMO_SUBMITTED_FROM;
		const at = new Date(o.now - (40 - n) * 3_600_000);
		const responseId = generateId();
		tx.insert(t.responses)
			.values({
				id: responseId,
				roundId: o.roundId,
				panelistId: seat.id,
				// Written as a draft and submitted at the end, as an expert does: a submitted
				// response's judgements are final in the database.
				state: 'draft',
				revision: 1,
				updatedAt: at,
				createdAt: at
			})
			.run();
		for (const node of nodes) {
			// A partial draft stops after the pillars and the first pillar.
			if (!submitted && node !== hierarchy.goal && node !== hierarchy.pillars[0]) continue;
			const m = expert.matrices[node.id];
			for (let i = 0; i < node.items.length; i++)
				for (let j = i + 1; j < node.items.length; j++) {
					const v = m[i][j];
					const row = {
						responseId,
						node: node.id,
						itemA: node.items[i],
						itemB: node.items[j],
						position: v === null ? null : valueToPosition(v as number)
					};
					tx.insert(t.judgments)
						.values({ ...row, updatedAt: at })
						.run();
					tx.insert(t.judgmentHistory)
						.values({ ...row, event: 'draft', savedBy: seat.userId, savedAt: at })
						.run();
					if (submitted)
						tx.insert(t.judgmentHistory)
							.values({ ...row, event: 'submit', savedBy: seat.userId, savedAt: at })
							.run();
				}
		}
		if (submitted && n % 3 === 0) {
			const reasons = [
				'Digital networks are the precondition for every smart service; I weigh them first.',
				'Institutions decide whether infrastructure is used well — open data and regulation matter most.',
				'Rail and air links still shape where firms and talent go; traditional infrastructure is underrated.',
				'National measures say little about a single city, so I give them less weight.'
			];
			tx.insert(t.comments)
				.values({
					id: generateId(),
					responseId,
					node: 'goal',
					body: reasons[n % reasons.length],
					updatedAt: at,
					createdAt: at
				})
				.run();
		}
		if (submitted)
			tx.update(t.responses)
				.set({ state: 'submitted', submittedAt: at })
				.where(eq(t.responses.id, responseId))
				.run();
	});
}

export function demoSignInText(origin: string): string {
	return [
		`Concord is serving at ${origin}`,
		'Demo sign-in (password for every account: concord-demo):',
		`  coordinator  ${DEMO_COORDINATOR}`,
		`  author       ${DEMO_AUTHOR}`,
		`  experts      expert01@demo.test … expert32@demo.test`
	].join('\n');
}
