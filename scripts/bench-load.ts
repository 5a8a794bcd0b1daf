/**
 * `npm run bench:load`: the hour before a deadline, on loopback. Starts the built server (build/) on
 * a fresh demo database, signs in the 32 demo experts (two sessions each) and the coordinator, and
 * drives the draft endpoint with autocannon the way the questionnaire's autosave does, in phases:
 *   1. paced — 64 sessions saving ~300 times a second in all (ten times a real panel's peak) while
 *      8 coordinator connections ask for the monitor's live refresh once a second each (an open
 *      cockpit asks every 10 s: eighty cockpits);
 *   2. saturation — 64 closed-loop writers, as fast as the server answers;
 *   3. drafts and 8 closed-loop monitor refreshes (a stress far beyond use; reported only).
 * Then, for the heavy pages (monitor, edition review, preview, appendix, XLSX export): the server's
 * CPU time per request (all its threads, and the main thread's — the event loop's — share, from /proc) and
 * how long a static file waits meanwhile (a probe). Prints one table; the goals are
 * in the README's performance section. Only 127.0.0.1 is ever contacted.
 */
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PORT = Number(process.env.BENCH_PORT ?? 4960);
const BASE = `http://127.0.0.1:${PORT}`;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PASSWORD = 'concord-demo';

if (!existsSync('build/index.js')) {
	console.error('build/ is missing: run `npm run build` first.');
	process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'concord-load-'));
const dbPath = join(dir, 'load.db');
// BENCH_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the server under load.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
const server = spawn(process.execPath, [...nodeArgs, 'build/index.js'], {
	env: {
		...process.env,
		PORT: String(PORT),
		HOST: '127.0.0.1',
		ORIGIN: BASE,
		DATABASE_URL: dbPath,
		CONCORD_DEMO: 'on',
		SMTP_URL: ''
	},
	stdio: ['ignore', 'ignore', 'inherit']
});
const stop = () => {
	server.kill('SIGTERM');
	rmSync(dir, { recursive: true, force: true });
};
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));

async function waitUp() {
	for (let i = 0; i < 300; i++) {
		try {
			if ((await fetch(`${BASE}/login`)).ok) return;
		} catch {
			/* starting */
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('the server did not start');
}

async function signIn(email: string): Promise<string> {
	const r = await fetch(`${BASE}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin: BASE,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email, password: PASSWORD }).toString()
	});
	const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
	if (r.status !== 303 || !cookie) throw new Error(`sign-in of ${email} answered ${r.status}`);
	return cookie;
}

/**
 * CPU time (ms) the server has used so far, to the nanosecond (the scheduler's own account, not the
 * 10 ms ticks of /proc/…/stat): the whole process (every thread), or only its main thread — the
 * event loop, which answers the saves (its thread id is the process id).
 */
function serverCpuMs(mainThreadOnly = false): number {
	const ran = (tid: string) => {
		try {
			return Number(
				readFileSync(`/proc/${server.pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]
			);
		} catch {
			return 0; // a thread that ended meanwhile
		}
	};
	const tids = mainThreadOnly ? [String(server.pid)] : readdirSync(`/proc/${server.pid}/task`);
	return tids.reduce((sum, tid) => sum + ran(tid), 0) / 1e6;
}

/** What a phase measured of one kind of request: every latency (sorted, ms), errors, the rate. */
type Measured = { latencies: number[]; errors: number; perSecond: number };
type Phase = { name: string; saves: Measured; monitor?: Measured };

function draftRequests(
	sessions: string[],
	roundId: string,
	goal: { a: string; b: string }[]
): autocannon.Options['requests'] {
	let next = 0;
	return [
		{
			method: 'POST',
			path: `/expert/rounds/${roundId}/draft`,
			setupRequest: (req, ctx: object) => {
				const context = ctx as { cookie?: string };
				// Each connection is one expert session; each save changes one pillar judgement.
				context.cookie ??= sessions[next++ % sessions.length];
				const pair = goal[Math.floor(Math.random() * goal.length)];
				return {
					...req,
					headers: {
						...req.headers,
						cookie: context.cookie,
						'content-type': 'application/json',
						origin: BASE
					},
					body: JSON.stringify({
						node: 'goal',
						judgments: [{ ...pair, position: Math.floor(Math.random() * 17) - 8 }]
					})
				};
			}
		}
	];
}

/** A closed-loop autocannon run; every response's latency is kept (autocannon's own has no p95). */
function run(o: Omit<autocannon.Options, 'url'> & { path?: string }): Promise<Measured> {
	const latencies: number[] = [];
	return new Promise((done, fail) => {
		const instance = autocannon(
			{ ...o, url: BASE + (o.path ?? ''), duration: SECONDS, timeout: 15 },
			(err, result) =>
				err
					? fail(err)
					: done({
							latencies: latencies.sort((a, b) => a - b),
							errors: result.errors + result.timeouts + result.non2xx,
							perSecond: result.requests.total / SECONDS
						})
		);
		instance.on('response', (_client, _status, _bytes, responseTime) =>
			latencies.push(responseTime)
		);
	});
}

await waitUp();
const db = new Database(dbPath, { readonly: true });
const study = db.prepare('SELECT id FROM studies WHERE is_demo = 1').get() as { id: string };
const round = db
	.prepare("SELECT id FROM rounds WHERE study_id = ? AND state = 'open'")
	.get(study.id) as { id: string };
const pillarIds = (
	db.prepare('SELECT id FROM pillars WHERE study_id = ? ORDER BY position').all(study.id) as {
		id: string;
	}[]
).map((p) => p.id);
const edition = db
	.prepare('SELECT id FROM editions WHERE study_id = ? ORDER BY title')
	.get(study.id) as { id: string };
// Every demo expert signs in; those who have not submitted yet can save drafts (the demo round has
// 24 of 32 submitted, so that the monitor has real figures to compute): their sessions are the
// writers' — 64 connections share them, as several tabs of one person would.
const all = (
	db
		.prepare(
			"SELECT email FROM panelists WHERE study_id = ? AND email LIKE 'expert%' ORDER BY email"
		)
		.all(study.id) as { email: string }[]
).map((e) => e.email);
const submitted = new Set(
	(
		db
			.prepare(
				"SELECT p.email FROM panelists p JOIN responses r ON r.panelist_id = p.id WHERE r.round_id = ? AND r.state = 'submitted'"
			)
			.all(round.id) as { email: string }[]
	).map((e) => e.email)
);
const experts = all.filter((e) => !submitted.has(e));
db.close();
const goal = pillarIds.flatMap((a, i) => pillarIds.slice(i + 1).map((b) => ({ a, b })));

console.log(`Signing in ${all.length} experts (two sessions each) and the coordinator…`);
const sessionsOf = new Map<string, string[]>();
for (const email of all) sessionsOf.set(email, [await signIn(email), await signIn(email)]);
const writers = experts.flatMap((e) => sessionsOf.get(e)!);
const coordinator = await signIn('coordinator@demo.test');
const monitorPath = `/coordinator/studies/${study.id}`;
// What an open cockpit asks every 10 s (its live refresh: invalidateAll fetches the page's data).
const refreshPath = `${monitorPath}/__data.json?x-sveltekit-invalidated=001`;
console.log(
	`${writers.length} writer sessions (${experts.length} experts with an open draft × 2), ${SECONDS} s per phase\n`
);

const monitorLoad = (rate?: number): Omit<autocannon.Options, 'url'> & { path: string } => ({
	connections: 8,
	...(rate ? { overallRate: rate } : {}),
	headers: { cookie: coordinator },
	path: refreshPath
});
const savers = (rate?: number): Omit<autocannon.Options, 'url'> => ({
	connections: 64,
	...(rate ? { overallRate: rate } : {}),
	requests: draftRequests(writers, round.id, goal)
});

/**
 * An open-loop, paced driver (autocannon's rate limit releases each second's requests in a burst, which
 * measures the burst, not the pace): every client sends on its own schedule — an exponential gap with
 * the given mean, as independent people do — whether or not its previous request has been answered.
 */
async function paced(
	clients: number,
	meanGapMs: number,
	request: (client: number) => Promise<Response>,
	seconds = SECONDS
): Promise<Measured> {
	const latencies: number[] = [];
	let errors = 0;
	const end = Date.now() + seconds * 1000;
	const inFlight: Promise<void>[] = [];
	await Promise.all(
		Array.from({ length: clients }, async (_, c) => {
			while (Date.now() < end) {
				await new Promise((r) => setTimeout(r, -Math.log(1 - Math.random()) * meanGapMs));
				if (Date.now() >= end) break;
				const t0 = performance.now();
				inFlight.push(
					request(c)
						.then(async (r) => {
							await r.arrayBuffer();
							if (!r.ok) errors++;
							latencies.push(performance.now() - t0);
						})
						.catch(() => void errors++)
				);
			}
		})
	);
	await Promise.all(inFlight);
	return {
		latencies: latencies.sort((a, b) => a - b),
		errors,
		perSecond: latencies.length / seconds
	};
}
const q = (xs: number[], p: number) => (xs.length ? xs[Math.floor(p * (xs.length - 1))] : NaN);
let saveCount = 0;
const saveOnce = (c: number) => {
	const pair = goal[saveCount++ % goal.length];
	return fetch(`${BASE}/expert/rounds/${round.id}/draft`, {
		method: 'POST',
		headers: {
			cookie: writers[c % writers.length],
			origin: BASE,
			'content-type': 'application/json'
		},
		body: JSON.stringify({
			node: 'goal',
			judgments: [{ ...pair, position: Math.floor(Math.random() * 17) - 8 }]
		})
	});
};
const monitorOnce = () => fetch(BASE + refreshPath, { headers: { cookie: coordinator } });

// Warm-up: the JIT, the statement cache and the cockpit's figures, as on a server that has been up.
await Promise.all([paced(64, 64000 / 300, saveOnce, 3), paced(8, 1000, monitorOnce, 3)]);

const phases: Phase[] = [];
{
	const [saves, monitor] = await Promise.all([
		paced(64, 64000 / 300, saveOnce),
		paced(8, 1000, monitorOnce)
	]);
	phases.push({
		name: 'paced: 64 savers, ~300 saves/s in all + 8 monitor refreshes/s',
		saves,
		monitor
	});
}
phases.push({ name: 'saturation: 64 closed-loop savers', saves: await run(savers()) });
{
	const [saves, monitor] = await Promise.all([run(savers()), run(monitorLoad())]);
	phases.push({
		name: 'stress: 64 closed-loop savers + 8 closed-loop monitor refreshes',
		saves,
		monitor
	});
}

const lat = (r: Measured) =>
	[0.5, 0.95, 0.99].map((p) => Math.round(q(r.latencies, p))).join(' / ') + ' ms';
console.table(
	phases.map((p) => ({
		phase: p.name,
		'saves/s': Math.round(p.saves.perSecond),
		'saves p50 / p95 / p99': lat(p.saves),
		'save errors': p.saves.errors,
		'monitor p50 / p95 / p99': p.monitor ? lat(p.monitor) : '',
		'monitor errors': p.monitor ? p.monitor.errors : '',
		'monitor req': p.monitor ? p.monitor.latencies.length : ''
	}))
);

// Server CPU per request for the heavy pages, one request at a time.
// Each pass signs in afresh where the page is limited per session (30 reviews, 20 downloads a minute).
const author = () => signIn('author@demo.test');
const staff = () => signIn('coordinator@demo.test');
const heavy: [string, string, () => Promise<string>][] = [
	['monitor page (opened)', monitorPath, async () => coordinator],
	['monitor live refresh (every 10 s)', refreshPath, async () => coordinator],
	['edition review', `/author/editions/${edition.id}`, author],
	['ranking preview', `/preview/${study.id}`, async () => coordinator],
	['methodology appendix', `/editions/${edition.id}/appendix`, staff],
	['round export (XLSX)', `/coordinator/studies/${study.id}/export/round-1.xlsx`, staff],
	['one draft save', '', async () => '']
];
const rows: Record<string, string>[] = [];
// How long the event loop is held: a probe asks for a static file every 2 ms while the heavy
// requests run; its slowest answers are the loop's longest stalls (plus a probe's own ~1 ms).
let probes: number[] = [];
let probing = true;
const startProbe = async () => {
	while (probing) {
		const t0 = performance.now();
		await (await fetch(`${BASE}/favicon.svg`)).arrayBuffer();
		probes.push(performance.now() - t0);
		await new Promise((r) => setTimeout(r, 2));
	}
};
let probe = startProbe();
const once = async (name: string, path: string, cookie: string, i: number) => {
	const t0 = performance.now();
	const r = path
		? await fetch(BASE + path, { headers: { cookie } })
		: await fetch(`${BASE}/expert/rounds/${round.id}/draft`, {
				method: 'POST',
				headers: {
					cookie: writers[0],
					origin: BASE,
					'content-type': 'application/json'
				},
				body: JSON.stringify({
					node: 'goal',
					judgments: [{ ...goal[0], position: (i % 17) - 8 }]
				})
			});
	await r.arrayBuffer();
	if (!r.ok) throw new Error(`${name}: ${r.status}`);
	return performance.now() - t0;
};
for (const [name, path, session] of heavy) {
	const N = 15;
	let cookie = await session();
	// First the CPU, with the probe paused (its own requests would be counted): the whole server's
	// and the main thread's, whose share is what holds the event loop.
	probing = false;
	await probe;
	const wall: number[] = [];
	const cpu0 = serverCpuMs();
	const main0 = serverCpuMs(true);
	for (let i = 0; i < N; i++) wall.push(await once(name, path, cookie, i));
	const cpu = (serverCpuMs() - cpu0) / N;
	const main = (serverCpuMs(true) - main0) / N;
	// Then the stalls a static file sees meanwhile.
	probes = [];
	probing = true;
	probe = startProbe();
	cookie = await session();
	for (let i = 0; i < N; i++) await once(name, path, cookie, i);
	wall.sort((a, b) => a - b);
	probes.sort((a, b) => a - b);
	rows.push({
		request: name,
		'server CPU per request': `${cpu.toFixed(1)} ms`,
		'on the event loop': `${main.toFixed(1)} ms`,
		'wall median': `${wall[N >> 1].toFixed(1)} ms`,
		'probe p95 / max': `${q(probes, 0.95).toFixed(0)} / ${probes.at(-1)!.toFixed(0)} ms`
	});
}
probing = false;
await probe;
console.table(rows);
process.exit(0);
