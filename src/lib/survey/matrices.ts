/**
 * Judgements → pairwise matrices: the one conversion every consumer uses (the live questionnaire,
 * the server's round analysis, the exports, the edition bundle and `npm run verify`).
 *
 * A judgement is a point of the 17-point bipolar scale, −8 … 8: positive favours A (a_AB = 1 + p),
 * negative favours B (a_AB = 1/(1 − p)), 0 is "equal"; `null` is "no opinion" and an absent pair is
 * unanswered — both leave the cell empty (null) for completion.
 */
import { positionToValue, type PairwiseMatrix } from '../ahp/index';
import { pairKey } from './nodes';

/** Scale positions by pairKey: a Map (server) or a plain record (browser, JSON). */
export type Answers = ReadonlyMap<string, number | null> | Readonly<Record<string, number | null>>;

/** The position stored for a pair, `null` for "no opinion", `undefined` when unanswered. */
export function answerOf(answers: Answers, key: string): number | null | undefined {
	return answers instanceof Map
		? (answers as ReadonlyMap<string, number | null>).get(key)
		: Object.prototype.hasOwnProperty.call(answers, key)
			? (answers as Readonly<Record<string, number | null>>)[key]
			: undefined;
}

/** Whether a pair has been answered (a scale point or "no opinion"). */
export function isAnswered(answers: Answers, key: string): boolean {
	return answerOf(answers, key) !== undefined;
}

/**
 * A matrix over `items` from judgements given as item pairs, in either order. Throws when a judgement
 * names an item that is not among `items` (a bundle that does not match its framework).
 */
export function matrixFromJudgments(
	items: readonly string[],
	judgments: Iterable<{ a: string; b: string; position: number | null }>,
	where = 'node'
): PairwiseMatrix {
	const index = new Map(items.map((id, i) => [id, i]));
	const m: (number | null)[][] = items.map((_, i) => items.map((__, j) => (i === j ? 1 : null)));
	for (const j of judgments) {
		const ia = index.get(j.a);
		const ib = index.get(j.b);
		if (ia === undefined || ib === undefined || ia === ib)
			throw new Error(`judgement on unknown items ${j.a}/${j.b} under ${where}`);
		if (j.position === null) continue;
		const v = positionToValue(j.position);
		m[ia][ib] = v;
		m[ib][ia] = 1 / v;
	}
	return m;
}

/** A node's matrix from the answers keyed by pairKey. */
export function nodeMatrix(
	node: { key: string; items: readonly { id: string }[]; pairs: readonly [string, string][] },
	answers: Answers
): PairwiseMatrix {
	const judgments: { a: string; b: string; position: number | null }[] = [];
	for (const [a, b] of node.pairs) {
		const p = answerOf(answers, pairKey(node.key, a, b));
		if (p !== undefined) judgments.push({ a, b, position: p });
	}
	return matrixFromJudgments(
		node.items.map((i) => i.id),
		judgments,
		node.key
	);
}

/** Every node's matrix, keyed by node key (what the engine's analyzeRound takes per expert). */
export function nodeMatrices(
	nodes: readonly {
		key: string;
		items: readonly { id: string }[];
		pairs: readonly [string, string][];
	}[],
	answers: Answers
): Record<string, PairwiseMatrix> {
	return Object.fromEntries(nodes.map((n) => [n.key, nodeMatrix(n, answers)]));
}
