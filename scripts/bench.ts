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
import { DEMO_HIERARCHY, syntheticPanel } from '../src/lib/testing/synthetic-panel';
import { cockpitData } from '../src/lib/server/cockpit';
import { rankUncertainty, weightNoise } from '../src/lib/scoring/index';
import { mulberry32 } from '../src/lib/random';
import { openDatabase } from '../src/lib/server/db';
import { seedDemo } from '../src/lib/server/demo/seed';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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

// The demo study in an in-memory database: round 1 with 24 of 32 experts submitted.
const db = openDatabase(':memory:');
const { studyId } = seedDemo(db, 'bench-hash');

// 184 cities × 16 normalised indicators and 10,000 weight sets, seeded.
const rnd = mulberry32(2023);
const cities184 = Array.from({ length: 184 }, () => Array.from({ length: 16 }, () => 100 * rnd()));
const sets10k = weightNoise(
	Array.from({ length: 16 }, () => 1 / 16),
	{ draws: 10_000, seed: 1, f: 0.5 }
);

const cases: Case[] = [
	{
		name: 'rankUncertainty: 10,000 draws × 184 cities × 16 indicators — target well under 1 s',
		target: 1000,
		run: () => rankUncertainty(cities184, sets10k)
	},
	{
		name: 'cockpitData: the monitor page’s data for 32 experts (in process)',
		target: 100,
		run: () => cockpitData(db, studyId)
	},
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
/** The monitor page rendered by the production server over HTTP (needs `npm run build` first). */
async function httpRender(): Promise<(typeof rows)[number] | null> {
	if (!existsSync('build/index.js')) return null;
	const dir = mkdtempSync(join(tmpdir(), 'concord-bench-'));
	const port = 4900;
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			DATABASE_URL: join(dir, 'bench.db'),
			CONCORD_DEMO: 'on'
		},
		stdio: 'ignore'
	});
	try {
		for (let i = 0; i < 100; i++) {
			try {
				if ((await fetch(`${base}/login`)).ok) break;
			} catch {
				/* starting */
			}
			await new Promise((r) => setTimeout(r, 100));
		}
		const signIn = await fetch(`${base}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: {
				origin: base,
				'content-type': 'application/x-www-form-urlencoded',
				accept: 'text/html'
			},
			body: 'email=coordinator%40demo.test&password=concord-demo'
		});
		const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
		const studies = await (await fetch(`${base}/coordinator`, { headers: { cookie } })).text();
		const path = /href="(\/coordinator\/studies\/[a-z0-9]+)"/.exec(studies)?.[1];
		if (!path) return null;
		const times: number[] = [];
		for (let i = 0; i < 40; i++) {
			const t0 = performance.now();
			const r = await fetch(base + path, { headers: { cookie } });
			await r.text();
			if (i >= 5) times.push(performance.now() - t0);
		}
		times.sort((a, b) => a - b);
		const med = times[Math.floor(times.length / 2)];
		return {
			case: 'GET the monitor page (server-side render over HTTP, 32 experts)',
			runs: times.length,
			'median ms': med.toFixed(3),
			'p90 ms': times[Math.floor(0.9 * (times.length - 1))].toFixed(3),
			target: `< 100 ms ${med < 100 ? '✓' : '✗'}`
		};
	} finally {
		child.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}
}
const http = await httpRender();
if (http) rows.push(http);
else
	console.log(
		'(build/ missing: run `npm run build` to include the HTTP render of the monitor page)'
	);
console.table(rows);
const missed = rows.filter((r) => r.target.endsWith('✗'));
if (missed.length) {
	console.error(`Missed target: ${missed.map((r) => r.case).join('; ')}`);
	process.exitCode = 1;
}
