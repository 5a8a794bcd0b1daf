/**
 * Work too heavy for the event loop — an edition's bootstrap rank intervals, an XLSX workbook, the
 * whole load of the edition review, the appendix and the ranking preview (off-loop.ts) — runs in a
 * worker thread, so that a heavy page never delays an expert's save. The worker runs this very
 * module (the built chunk it lives in): at the bottom, a worker started with `concordHeavy` answers
 * jobs. Where the module is TypeScript (vite dev, vitest) there is no built chunk to start, and the
 * jobs run in process — the same functions, so the results are the same.
 *
 * Results that depend only on their inputs are kept (see `cached`): the review's and the appendix's
 * Monte Carlo is not recomputed until the bundle, the data or the settings change.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { editionUncertainty, type EditionUncertainty } from '../scoring/preview';
import { monteCarloWeights, type BootstrapPanel } from '../scoring/samplers';
import { groupRankIntervals } from '../scoring/groups';
import type { ClusterInterval } from '../scoring/ranking';
import { DomainError } from './errors';
import type { Locale } from '$lib/paraglide/runtime';
import { toXlsx, type Table } from './exports';
import { inRenderThread } from './render-pool';

export type HeavyJob =
	| {
			kind: 'edition-mc';
			matrix: (number | null)[][];
			nominal: number[];
			draws: number;
			seed: number;
			bootstrap: BootstrapPanel | null;
			aggregation: 'arithmetic' | 'geometric';
			/** Each cluster's member rows of `matrix`: cluster rank intervals from the same draws. */
			groups: number[][];
	  }
	| { kind: 'xlsx'; tables: Table[]; meta: { study: string; round: number } }
	| { kind: 'read'; job: ReadJob; locale: Locale }
	| { kind: 'warm' };

/** A heavy page's data, read from the database on a connection of the worker's own (WAL: readers never wait for the writer). */
export type ReadJob =
	| { read: 'edition-review'; editionId: string }
	| { read: 'appendix'; editionId: string }
	| { read: 'preview'; studyId: string; staff: boolean; minGroupSize: number };

type Result<J extends HeavyJob> = J extends { kind: 'edition-mc' }
	? { uncertainty: EditionUncertainty; groupIntervals: ClusterInterval[]; draws: number }
	: J extends { kind: 'read' }
		? unknown // typed by offLoop (off-loop.ts)
		: J extends { kind: 'warm' }
			? null
			: Uint8Array<ArrayBuffer>;

/** The job itself: pure functions of the input, the same in the worker and in process. */
async function perform(job: HeavyJob): Promise<unknown> {
	if (job.kind === 'edition-mc') {
		const sets = monteCarloWeights({
			nominal: job.nominal,
			draws: job.draws,
			seed: job.seed,
			noise: 0,
			bootstrap: job.bootstrap
		});
		return {
			uncertainty: editionUncertainty(job.matrix, sets, {
				nominalWeights: job.nominal,
				aggregation: job.aggregation
			}),
			groupIntervals: groupRankIntervals(
				job.matrix,
				sets,
				job.groups.map((indices) => ({ indices })),
				{ aggregation: job.aggregation }
			),
			draws: sets.length
		};
	}
	if (job.kind === 'read') return performRead(job.job, job.locale);
	if (job.kind === 'warm') {
		await Promise.all([import('./db'), import('./edition-review'), import('./preview')]);
		return null;
	}
	return toXlsx(job.tables, job.meta);
}

/** Imported when first needed: these modules import this one (for `cached`, `runHeavy`). */
async function performRead(job: ReadJob, locale: Locale): Promise<unknown> {
	// The page's words in the asker's language (this thread has no request of its own).
	const { runInLocale } = await import('./locale-store');
	return runInLocale(locale, () => readPage(job));
}

async function readPage(job: ReadJob): Promise<unknown> {
	const { getDb } = await import('./db');
	if (job.read === 'preview') {
		const { previewFor } = await import('./preview');
		return previewFor(getDb(), { id: job.studyId }, job);
	}
	const pages = await import('./edition-review');
	return job.read === 'appendix'
		? pages.appendixPage(getDb(), job.editionId)
		: pages.editionReviewPage(getDb(), job.editionId);
}

let worker: Worker | null = null;
let nextId = 0;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

/** A worker can run this module only when it is plain JavaScript (the production build). */
const canUseWorker = () =>
	(isMainThread || inRenderThread()) &&
	import.meta.url.endsWith('.js') &&
	!process.env.VITEST &&
	process.env.CONCORD_HEAVY !== 'inline';

function startWorker(): Worker {
	const w = new Worker(new URL(import.meta.url), { workerData: { concordHeavy: true } });
	w.on(
		'message',
		(m: { id: number; ok: boolean; value?: unknown; error?: string; status?: number }) => {
			const p = pending.get(m.id);
			pending.delete(m.id);
			if (m.ok) p?.resolve(m.value);
			// An expected refusal keeps its status (a 404 stays a 404); anything else is a 500.
			else p?.reject(m.status ? new DomainError(m.status, m.error!) : new Error(m.error));
		}
	);
	const fail = (e: Error) => {
		for (const p of pending.values()) p.reject(e);
		pending.clear();
		worker = null; // the next job starts a fresh worker
	};
	w.on('error', fail);
	w.on('exit', (code) => code !== 0 && fail(new Error(`the heavy-work thread exited (${code})`)));
	// Last: adding a 'message' listener refs the worker again, and a referenced worker kept the
	// server from ever exiting on SIGTERM once a heavy page had been served.
	w.unref();
	return w;
}

/** Runs a heavy job off the event loop (in process where no worker can run this module). */
export function runHeavy<J extends HeavyJob>(job: J): Promise<Result<J>> {
	if (!canUseWorker()) return perform(job) as Promise<Result<J>>;
	worker ??= startWorker();
	const id = nextId++;
	return new Promise((resolve, reject) => {
		pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
		worker!.postMessage({ id, job });
	});
}

/**
 * Starts the thread and loads its modules before the first heavy page asks (at server start): the
 * first review or preview then waits for its own work only. Nothing where no worker can run.
 */
export function warmHeavy(): void {
	if (canUseWorker())
		runHeavy({ kind: 'warm' }).catch((e) => console.error('starting the heavy-work thread', e));
}

const results = new Map<string, Promise<unknown>>();
/**
 * A heavy result kept by the key of everything it depends on (bounded, oldest first out). The promise
 * is kept, so concurrent requests for the same result share one computation; a failure is forgotten.
 */
export function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
	let p = results.get(key) as Promise<T> | undefined;
	if (!p) {
		if (results.size >= 64) results.delete(results.keys().next().value!);
		p = compute();
		results.set(key, p);
		p.catch(() => results.delete(key));
	}
	return p;
}

// In the worker: answer jobs.
if (
	!isMainThread &&
	(workerData as { concordHeavy?: boolean } | null)?.concordHeavy &&
	parentPort
) {
	const port = parentPort;
	port.on('message', async ({ id, job }: { id: number; job: HeavyJob }) => {
		try {
			const value = await perform(job);
			port.postMessage({ id, ok: true, value });
		} catch (e) {
			port.postMessage({
				id,
				ok: false,
				error: e instanceof Error ? e.message : String(e),
				status: e instanceof DomainError ? e.status : undefined
			});
		}
	});
}
