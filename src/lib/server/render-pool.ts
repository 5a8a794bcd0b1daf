/**
 * Pages rendered off the event loop. Every GET (pages, their data requests, downloads) is answered by
 * a render thread that runs the app a second time — the same built server (SvelteKit's `Server`,
 * the same hooks, its own database connection: WAL readers never wait for the writer) — while the
 * main thread keeps the writes: draft saves, submissions, form actions. A full render of the
 * coordinator's monitor (~25 ms of server-side rendering, serialisation and hashing) or of the
 * ranking preview then never delays an expert's save.
 *
 * The main thread forwards the request (URL, headers, the client's address) and sends back what the
 * thread answered, byte for byte. Requests of one session always go to the same thread, so what a
 * thread keeps per session (the heavy-work limits) stays whole. Where no thread can run — vite dev,
 * vitest, `CONCORD_RENDER_THREADS=0`, a thread that failed — the main thread renders, as before.
 */
import type { RequestEvent } from '@sveltejs/kit';
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

type Asked = {
	id: number;
	url: string;
	method: string;
	headers: [string, string][];
	address: string;
};
type Answered =
	| {
			id: number;
			status: number;
			statusText: string;
			headers: [string, string][];
			cookies: string[];
			body: ArrayBuffer | null;
	  }
	| { id: number; error: string };

type Where = { server: string; manifest: string; client: string };

/** True inside a render thread (its hooks skip what only the main thread does: seeding, timers). */
export function inRenderThread(): boolean {
	return (
		!isMainThread && (workerData as { concordRender?: unknown } | null)?.concordRender === true
	);
}

/** How long a read may take in a thread before the thread counts as stuck. */
const THREAD_TIMEOUT_MS = 60_000;

/** Statuses whose response has no body (a Response with one would throw). */
const NO_BODY = new Set([101, 103, 204, 205, 304]);

class RenderThread {
	private worker: Worker | null = null;
	private ready = false;
	private failures = 0;
	private retryAt = 0;
	private nextId = 0;
	private pending = new Map<
		number,
		{ resolve: (a: Answered) => void; reject: (e: Error) => void }
	>();

	constructor(
		private where: Where,
		private name: string
	) {
		this.start();
	}

	private start(): void {
		const w = new Worker(new URL(import.meta.url), {
			workerData: { concordRender: true, where: this.where }
		});
		this.worker = w;
		this.ready = false;
		w.on('message', (m: Answered | { ready: true }) => {
			if ('ready' in m) {
				this.ready = true;
				this.failures = 0;
				console.log(`Concord: ${this.name} ready — pages render beside the event loop.`);
				return;
			}
			const p = this.pending.get(m.id);
			this.pending.delete(m.id);
			p?.resolve(m);
		});
		const fail = (e: Error) => {
			if (this.worker !== w) return;
			console.error('a render thread stopped; its pages render on the main thread meanwhile', e);
			for (const p of this.pending.values()) p.reject(e);
			this.pending.clear();
			this.worker = null;
			this.ready = false;
			// Started again on a later request, waiting longer after each failure (at most a minute).
			this.failures++;
			this.retryAt = Date.now() + Math.min(60_000, 500 * 2 ** this.failures);
		};
		w.on('error', fail);
		w.on('exit', (code) => fail(new Error(`the render thread exited (${code})`)));
		// A referenced worker would keep the server from exiting on SIGTERM.
		w.unref();
	}

	/** Whether this thread takes requests now (starting it again after a failure, when due). */
	available(): boolean {
		if (!this.worker && Date.now() >= this.retryAt) this.start();
		return this.ready;
	}

	ask(request: Omit<Asked, 'id'>): Promise<Answered> {
		const id = this.nextId++;
		const worker = this.worker!;
		return new Promise((resolve, reject) => {
			// A thread that has not answered in a minute is stuck: it is stopped (its requests, this one
			// included, render on the main thread) and started again later.
			const watchdog = setTimeout(() => {
				console.error('a render thread did not answer in a minute: stopping it');
				void worker.terminate();
			}, THREAD_TIMEOUT_MS);
			watchdog.unref();
			this.pending.set(id, {
				resolve: (a) => (clearTimeout(watchdog), resolve(a)),
				reject: (e) => (clearTimeout(watchdog), reject(e))
			});
			worker.postMessage({ id, ...request } satisfies Asked);
		});
	}
}

let threads: RenderThread[] = [];

/** How many render threads by default: one per core beside the main thread's, at most two. */
export function defaultRenderThreads(): number {
	return Math.min(2, Math.max(1, availableParallelism() - 1));
}

/**
 * The built server's pieces, found beside this module's own chunk: SvelteKit's `Server` class and the
 * manifest (adapter-node names their chunks `index.js-<hash>.js` and `manifest.js-<hash>.js`), and
 * the client files. Null where this is not a production build.
 */
function findBuild(): Where | null {
	if (!import.meta.url.endsWith('.js') || process.env.VITEST) return null;
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let up = 0; up < 4; up++, dir = dirname(dir)) {
		if (!existsSync(dir)) break;
		const files = readdirSync(dir);
		const server = files.find((f) => /^index\.js-[\w-]+\.js$/.test(f));
		const manifest = files.find((f) => /^manifest\.js-[\w-]+\.js$/.test(f));
		if (server && manifest) {
			// build/server/chunks → build/client
			const client = join(dir, '..', '..', 'client');
			return { server: join(dir, server), manifest: join(dir, manifest), client };
		}
	}
	return null;
}

/**
 * Starts the render threads (main thread of a production build only; `count` 0 starts none). They
 * take requests once their server has started; until then the main thread renders.
 */
export function startRenderThreads(count: number): number {
	if (!isMainThread || threads.length || count <= 0) return 0;
	const where = findBuild();
	if (!where) return 0;
	threads = Array.from(
		{ length: count },
		(_, i) => new RenderThread(where, `render thread ${i + 1} of ${count}`)
	);
	return count;
}

/** A stable small hash of the session cookie: one session, one thread. */
function pick(key: string, n: number): number {
	let h = 0;
	for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
	return (h >>> 0) % n;
}

/**
 * The response of a render thread to this request, or null where the main thread should answer it
 * itself (not a GET or HEAD, no thread ready, or the thread failed on it).
 */
export async function renderElsewhere(
	event: RequestEvent,
	sessionKey: string
): Promise<Response | null> {
	if (!threads.length) return null;
	const method = event.request.method;
	if (method !== 'GET' && method !== 'HEAD') return null;
	const thread = threads[pick(sessionKey, threads.length)];
	if (!thread.available()) return null;
	let address = '';
	try {
		address = event.getClientAddress();
	} catch {
		/* no address behind a misconfigured proxy header: the thread's own pages will say so */
	}
	let answer: Answered;
	try {
		answer = await thread.ask({
			url: event.request.url,
			method,
			headers: [...event.request.headers],
			address
		});
	} catch {
		return null;
	}
	if ('error' in answer) {
		console.error('a render thread could not answer; rendering on the main thread', answer.error);
		return null;
	}
	const headers = new Headers();
	for (const [k, v] of answer.headers) headers.append(k, v);
	for (const c of answer.cookies) headers.append('set-cookie', c);
	return new Response(NO_BODY.has(answer.status) ? null : answer.body, {
		status: answer.status,
		statusText: answer.statusText,
		headers
	});
}

/** In a render thread: start the built server and answer the main thread's requests. */
async function serve(where: Where, port: NonNullable<typeof parentPort>): Promise<void> {
	const [serverModule, manifestModule] = await Promise.all([
		import(/* @vite-ignore */ pathToFileURL(where.server).href),
		import(/* @vite-ignore */ pathToFileURL(where.manifest).href)
	]);
	type KitServer = {
		init(o: { env: Record<string, string>; read: (file: string) => ReadableStream }): Promise<void>;
		respond(r: Request, o: { getClientAddress: () => string }): Promise<Response>;
	};
	const Server = Object.values(serverModule).find(
		(v): v is new (manifest: unknown) => KitServer =>
			typeof v === 'function' && typeof v.prototype?.respond === 'function'
	);
	const manifest = Object.values(manifestModule).find(
		(v) => typeof v === 'object' && v !== null && 'appPath' in v
	);
	if (!Server || !manifest) throw new Error('the built server has no Server class or manifest');
	const server = new Server(manifest);
	await server.init({
		env: process.env as Record<string, string>,
		read: (file) => Readable.toWeb(createReadStream(join(where.client, file))) as ReadableStream
	});
	port.on('message', async (asked: Asked) => {
		try {
			const response = await server.respond(
				new Request(asked.url, { method: asked.method, headers: asked.headers }),
				{ getClientAddress: () => asked.address }
			);
			const body = asked.method === 'HEAD' ? null : await response.arrayBuffer();
			port.postMessage(
				{
					id: asked.id,
					status: response.status,
					statusText: response.statusText,
					headers: [...response.headers].filter(([k]) => k !== 'set-cookie'),
					cookies: response.headers.getSetCookie(),
					body
				} satisfies Answered,
				body ? [body] : []
			);
		} catch (e) {
			port.postMessage({ id: asked.id, error: String(e) } satisfies Answered);
		}
	});
	port.postMessage({ ready: true });
}

// In a render thread (not awaited at the top: the server's hooks import this module).
if (inRenderThread() && parentPort) {
	const port = parentPort;
	serve((workerData as { where: Where }).where, port).catch((e) => {
		console.error('the render thread could not start', e);
		process.exit(1);
	});
}
