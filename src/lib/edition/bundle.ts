/**
 * A locked edition's verification bundle: everything needed to recompute its weights — the framework,
 * the method settings, the pseudonymised judgements of the chosen round, the dataset version's hash —
 * and the locked weights with their SHA-256. Pure: the app locks with it and `npm run verify` checks
 * with it, so a third party with the repository can re-verify a published edition.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { z } from 'zod';
import { analyzeRound, ENGINE_VERSION } from '../ahp/index';
import { RANDOM_INDEX_TABLES } from '../schemas/study';
import { GOAL, hierarchyOf, matrixFromJudgments, roundOptions } from '../survey/index';
import { AGGREGATION_METHODS, NORMALISATION_METHODS } from '../scoring/method';
import { GROUP_KINDS, type CityGroup } from '../scoring/groups';

export const cityGroupSchema = z.object({
	code: z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/),
	nameEn: z.string().min(1).max(120),
	nameZh: z.string().max(120),
	kind: z.enum(GROUP_KINDS),
	cityIds: z.array(z.string().min(1).max(40)).max(500)
});
export const cityGroupsSchema = z.array(cityGroupSchema).max(100);

const code = z.string().min(1).max(32);
export const bundleSchema = z.object({
	format: z.literal('concord-edition-bundle/1'),
	edition: z.object({
		slug: z.string(),
		title: z.string(),
		year: z.number().int(),
		version: z.number().int().min(1),
		supersedes: z.number().int().nullable(),
		reason: z.string().nullable()
	}),
	framework: z.object({
		pillars: z
			.array(
				z.object({
					code,
					name: z.string(),
					indicators: z.array(z.object({ code, name: z.string() })).min(1)
				})
			)
			.min(2)
	}),
	settings: z.object({
		randomIndex: z.enum(RANDOM_INDEX_TABLES),
		crThreshold: z.number(),
		priorityMethod: z.enum(['eigenvector', 'geometric-mean']),
		aggregation: z.enum(['aij', 'aip'])
	}),
	round: z.number().int().min(1),
	/**
	 * Where the Delphi stood at the lock: the round's state and which clause of the pre-registered
	 * stopping rule held (or that none did). Absent from bundles locked before it was recorded.
	 */
	delphi: z
		.object({
			roundState: z.enum(['open', 'closed']),
			stoppingRule: z.string().max(500),
			stop: z.boolean(),
			reason: z.string().max(1000)
		})
		.optional(),
	/** Submitted, included experts only; positions on the 17-point scale (−8 … 8, positive favours a), null = no opinion. */
	experts: z
		.array(
			z.object({
				pseudonym: z.string(),
				weight: z.number().positive(),
				judgments: z.array(
					z.object({
						node: code,
						a: code,
						b: code,
						position: z.number().int().min(-8).max(8).nullable()
					})
				)
			})
		)
		.min(1),
	/** How the ranking was scored at the lock (absent from bundles locked before it was recorded). */
	scoring: z
		.object({
			normalisation: z.enum(NORMALISATION_METHODS),
			aggregation: z.enum(AGGREGATION_METHODS),
			classTopBands: z.number().int().min(1).max(3)
		})
		.optional(),
	/** The city groups (clusters) in force at the lock: their version, hash and members. */
	groups: z
		.object({
			version: z.number().int().min(1),
			hash: z.string().regex(/^[0-9a-f]{64}$/),
			groups: cityGroupsSchema
		})
		.nullable()
		.optional(),
	datasetHash: z
		.string()
		.regex(/^[0-9a-f]{64}$/)
		.nullable(),
	engineVersion: z.string(),
	weights: z.object({
		pillars: z.record(z.string(), z.number()),
		indicators: z.record(z.string(), z.number())
	}),
	hash: z.string().regex(/^[0-9a-f]{64}$/)
});
export type EditionBundle = z.infer<typeof bundleSchema>;
export type BundleContent = Omit<EditionBundle, 'hash'>;

/** JSON with object keys sorted at every level: the same content always serialises the same way. */
export function canonicalJson(value: unknown): string {
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'number' && !Number.isFinite(value))
			throw new Error('canonical JSON cannot hold NaN or infinity');
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	const o = value as Record<string, unknown>;
	return `{${Object.keys(o)
		.filter((k) => o[k] !== undefined)
		.sort()
		.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
		.join(',')}}`;
}

/** Groups sorted by code, members sorted by id: the same groups always serialise the same way. */
export function canonicalGroups(groups: readonly CityGroup[]): CityGroup[] {
	return [...groups]
		.map((g) => ({
			code: g.code,
			nameEn: g.nameEn,
			nameZh: g.nameZh,
			kind: g.kind,
			cityIds: [...g.cityIds].sort()
		}))
		.sort((a, b) => a.code.localeCompare(b.code));
}

/** SHA-256 (hex) of the groups' canonical JSON: a version's content hash. */
export function groupsHash(groups: readonly CityGroup[]): string {
	return encodeHexLowerCase(
		sha256(new TextEncoder().encode(canonicalJson(canonicalGroups(groups))))
	);
}

/** Weights are stored and hashed at 12 decimals, so every machine serialises them identically. */
export const roundWeight = (w: number) => Number(w.toFixed(12));

/** SHA-256 (hex) over the canonical serialisation of everything but the hash itself. */
export function bundleHash(content: BundleContent): string {
	const { edition: _e, ...hashed } = content;
	return encodeHexLowerCase(
		sha256(
			new TextEncoder().encode(
				canonicalJson({
					...hashed,
					edition: { slug: content.edition.slug, version: content.edition.version }
				})
			)
		)
	);
}

/**
 * The locked panel of a bundle, as the engine and the expert bootstrap take it: nodes and items by
 * code (the goal, then each pillar by its code), each expert's matrices and weight, and the method.
 */
export function bundlePanel(b: Pick<BundleContent, 'framework' | 'settings' | 'experts'>) {
	const nodes = [
		{ key: GOAL, items: b.framework.pillars.map((p) => ({ id: p.code })) },
		...b.framework.pillars.map((p) => ({
			key: p.code,
			items: p.indicators.map((i) => ({ id: i.code }))
		}))
	];
	const experts = b.experts.map((e) => {
		for (const j of e.judgments)
			if (!nodes.some((n) => n.key === j.node))
				throw new Error(`${e.pseudonym}: judgement on an unknown node “${j.node}”`);
		const matrices = Object.fromEntries(
			nodes.map((n) => [
				n.key,
				matrixFromJudgments(
					n.items.map((i) => i.id),
					e.judgments.filter((j) => j.node === n.key),
					`${e.pseudonym}: ${n.key}`
				)
			])
		);
		return { weight: e.weight, matrices };
	});
	return {
		hierarchy: hierarchyOf(nodes),
		experts,
		method: { aggregation: b.settings.aggregation, priorityMethod: b.settings.priorityMethod }
	};
}

/** Recomputes the pillar and global weights from the bundle's judgements with the engine. */
export function recomputeWeights(
	b: Pick<BundleContent, 'framework' | 'settings' | 'experts'>
): EditionBundle['weights'] {
	const panel = bundlePanel(b);
	const experts = panel.experts.map((e, k) => ({
		expertId: `${k}:${b.experts[k].pseudonym}`,
		weight: e.weight,
		matrices: e.matrices
	}));
	const hierarchy = panel.hierarchy;
	const a = analyzeRound({ hierarchy, experts, options: roundOptions(b.settings) });
	if (!a.pillarWeights || !a.globalWeights)
		throw new Error('the judgements do not determine weights for every node');
	return {
		pillars: Object.fromEntries(
			b.framework.pillars.map((p, i) => [p.code, roundWeight(a.pillarWeights![i])])
		),
		indicators: Object.fromEntries(
			b.framework.pillars
				.flatMap((p) => p.indicators.map((i) => i.code))
				.map((c, i) => [c, roundWeight(a.globalWeights![i])])
		)
	};
}

export type Verification = {
	ok: boolean;
	hashMatches: boolean;
	recomputedHash: string;
	weightsMatch: boolean;
	differences: {
		level: 'pillar' | 'indicator';
		code: string;
		stated: number;
		recomputed: number;
	}[];
	engineMatches: boolean;
	/** The recorded groups' hash recomputed from their members (null: no groups recorded). */
	groupsMatch: boolean | null;
};

export const WEIGHT_TOLERANCE = 1e-9;

/** Recomputes the weights and the hash of a bundle and says what, if anything, differs. */
export function verifyBundle(b: EditionBundle): Verification {
	const { hash, ...content } = b;
	const recomputedHash = bundleHash(content);
	const again = recomputeWeights(content);
	const differences: Verification['differences'] = [];
	for (const level of ['pillars', 'indicators'] as const) {
		const stated = b.weights[level];
		for (const code of new Set([...Object.keys(stated), ...Object.keys(again[level])])) {
			const s = stated[code];
			const r = again[level][code];
			if (s === undefined || r === undefined || Math.abs(s - r) > WEIGHT_TOLERANCE)
				differences.push({
					level: level === 'pillars' ? 'pillar' : 'indicator',
					code,
					stated: s ?? Number.NaN,
					recomputed: r ?? Number.NaN
				});
		}
	}
	const hashMatches = recomputedHash === hash;
	const groupsMatch = b.groups ? groupsHash(b.groups.groups) === b.groups.hash : null;
	return {
		groupsMatch,
		ok: hashMatches && differences.length === 0 && groupsMatch !== false,
		hashMatches,
		recomputedHash,
		weightsMatch: differences.length === 0,
		differences,
		engineMatches: b.engineVersion === ENGINE_VERSION
	};
}
