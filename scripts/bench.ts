/**
 * `npm run bench`: performance targets live here, not in timed unit tests (the machines are shared
 * and noisy). Prints the median and the 90th percentile of each case over repeated runs.
 */
import {
	analyzeRound,
	completeMatrix,
	consistency,
	inconsistentJudgments,
	priorityVector
} from '../src/lib/ahp/index';
import { DEMO_HIERARCHY, syntheticPanel } from '../src/lib/ahp/synthetic-panel';

type Case = { name: string; target?: number; run: () => unknown };

function measure(run: () => unknown, minMs = 600, minRuns = 30): number[] {
	for (let i = 0; i < 5; i++) run(); // warm up the JIT
	const times: number[] = [];
	const start = performance.now();
	while (times.length < minRuns || performance.now() - start < minMs) {
		const t0 = performance.now();
		run();
		times.push(performance.now() - t0);
	}
	return times.sort((a, b) => a - b);
}

const panel32 = syntheticPanel(DEMO_HIERARCHY, { experts: 32, seed: 'bench' });
const sparse32 = syntheticPanel(DEMO_HIERARCHY, {
	experts: 32,
	seed: 'bench-sparse',
	skipShare: 0.25
});
const previous = analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: panel32 });
const m6 = panel32[3].matrices.D;
const incomplete6 = sparse32.find((e) => e.matrices.D.some((r) => r.includes(null)))!.matrices.D;

const cases: Case[] = [
	{
		name: 'analyzeRound: 32 experts × demo hierarchy (3+5+6+5, 38 judgements each)',
		target: 5,
		run: () => analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: panel32 }, previous)
	},
	{
		name: 'analyzeRound: same, ~25 % "no opinion" (λ-min completion)',
		run: () => analyzeRound({ hierarchy: DEMO_HIERARCHY, experts: sparse32 })
	},
	{ name: 'priorityVector: 6×6 eigenvector', run: () => priorityVector(m6) },
	{ name: 'consistency: 6×6', run: () => consistency(m6) },
	{ name: 'inconsistentJudgments: 6×6, top 3', run: () => inconsistentJudgments(m6) },
	{ name: 'completeMatrix: 6×6 λ-min', run: () => completeMatrix(incomplete6) }
];

const rows = cases.map((c) => {
	const t = measure(c.run);
	const q = (p: number) => t[Math.min(t.length - 1, Math.floor(p * (t.length - 1)))];
	return {
		case: c.name,
		runs: t.length,
		'median ms': q(0.5).toFixed(3),
		'p90 ms': q(0.9).toFixed(3),
		target: c.target ? `< ${c.target} ms ${q(0.5) < c.target ? '✓' : '✗'}` : ''
	};
});
console.table(rows);
const missed = rows.filter((r) => r.target.endsWith('✗'));
if (missed.length) {
	console.error(`Missed target: ${missed.map((r) => r.case).join('; ')}`);
	process.exitCode = 1;
}
