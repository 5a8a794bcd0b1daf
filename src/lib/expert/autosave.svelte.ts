/* eslint-disable svelte/prefer-svelte-reactivity -- the queue is internal bookkeeping; only status and revision are reactive */
/**
 * Draft autosave for the expert survey: changes are queued per pair, sent after a short pause, in
 * order, one request at a time; a network failure keeps them queued and retries with backoff, so
 * nothing typed is lost while the connection is down. Saving never blocks answering.
 */
export type Entry = { a: string; b: string; position?: number | null; clear?: boolean };
export type SaveStatus = {
	kind: 'idle' | 'pending' | 'saving' | 'saved' | 'offline' | 'error';
	at?: number;
	message?: string;
};

type NodeChanges = {
	judgments: Map<string, Entry>;
	comment?: string;
	pairComments: Map<string, { a: string; b: string; body: string }>;
};

export class Autosave {
	status = $state<SaveStatus>({ kind: 'idle' });
	revision = $state(0);
	#queue = new Map<string, NodeChanges>();
	#timer: ReturnType<typeof setTimeout> | null = null;
	#inFlight = false;
	#retryMs = 0;

	constructor(
		private url: string,
		revision: number,
		private delayMs = 600
	) {
		this.revision = revision;
	}

	get hasPending(): boolean {
		return this.#queue.size > 0 || this.#inFlight;
	}

	#node(node: string): NodeChanges {
		let c = this.#queue.get(node);
		if (!c) {
			c = { judgments: new Map(), pairComments: new Map() };
			this.#queue.set(node, c);
		}
		return c;
	}

	judgment(node: string, entry: Entry): void {
		this.#node(node).judgments.set(`${entry.a}|${entry.b}`, entry);
		this.#schedule();
	}

	comment(node: string, body: string): void {
		this.#node(node).comment = body;
		this.#schedule();
	}

	pairComment(node: string, a: string, b: string, body: string): void {
		this.#node(node).pairComments.set(`${a}|${b}`, { a, b, body });
		this.#schedule();
	}

	#schedule(delay = this.delayMs): void {
		if (this.status.kind !== 'offline') this.status = { kind: 'pending' };
		if (this.#timer) clearTimeout(this.#timer);
		this.#timer = setTimeout(() => void this.flush(), delay);
	}

	/** Sends everything queued now; resolves when the queue is empty or the network is down. */
	async flush(): Promise<boolean> {
		if (this.#timer) {
			clearTimeout(this.#timer);
			this.#timer = null;
		}
		if (this.#inFlight) return false;
		while (this.#queue.size > 0) {
			const [node, changes] = this.#queue.entries().next().value as [string, NodeChanges];
			this.#queue.delete(node);
			this.#inFlight = true;
			this.status = { kind: 'saving' };
			const body = {
				node,
				judgments: [...changes.judgments.values()],
				...(changes.comment !== undefined ? { comment: changes.comment } : {}),
				pairComments: [...changes.pairComments.values()]
			};
			let response: Response;
			try {
				response = await fetch(this.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body)
				});
			} catch {
				// Network down: put the changes back (newer ones queued meanwhile win) and retry later.
				this.#requeue(node, changes);
				this.#inFlight = false;
				this.#retryMs = Math.min(30_000, this.#retryMs ? this.#retryMs * 2 : 2_000);
				this.status = { kind: 'offline' };
				this.#timer = setTimeout(() => void this.flush(), this.#retryMs);
				return false;
			}
			this.#inFlight = false;
			if (!response.ok) {
				const message = await response.json().then(
					(j: { message?: string }) => j.message ?? response.statusText,
					() => response.statusText
				);
				if (response.status >= 500) {
					this.#requeue(node, changes);
					this.#retryMs = Math.min(30_000, this.#retryMs ? this.#retryMs * 2 : 2_000);
					this.#timer = setTimeout(() => void this.flush(), this.#retryMs);
				}
				this.status = { kind: 'error', message };
				return false;
			}
			const result = (await response.json()) as { revision: number; savedAt: number };
			this.revision = result.revision;
			this.#retryMs = 0;
			this.status = { kind: 'saved', at: result.savedAt };
		}
		return true;
	}

	#requeue(node: string, changes: NodeChanges): void {
		const newer = this.#queue.get(node);
		if (!newer) {
			this.#queue.set(node, changes);
			return;
		}
		for (const [k, v] of changes.judgments) if (!newer.judgments.has(k)) newer.judgments.set(k, v);
		for (const [k, v] of changes.pairComments)
			if (!newer.pairComments.has(k)) newer.pairComments.set(k, v);
		if (newer.comment === undefined) newer.comment = changes.comment;
	}
}
