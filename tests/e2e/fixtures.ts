import { test as base, expect, request as pwRequest, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const DEMO_PASSWORD = 'concord-demo';
export const ACCOUNTS = {
	coordinator: 'coordinator@demo.test',
	author: 'author@demo.test',
	expert: 'expert01@demo.test'
} as const;
export type DemoRole = keyof typeof ACCOUNTS;

type Server = {
	baseURL: string;
	dbPath: string;
	sql: (query: string, ...params: unknown[]) => unknown[];
	/** What the server printed so far (stdout and stderr). */
	log: () => string;
	/** SIGTERM, as a service manager stops it; after 5 s, SIGKILL. Resolves with how it ended. */
	stop: () => Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

async function waitForServer(url: string, child: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
		try {
			const r = await fetch(url + '/login');
			// The answer must come from this child: a server still shutting down on the port would
			// answer too, while this one fails to bind and exits.
			if (r.ok && child.exitCode === null) {
				await new Promise((done) => setTimeout(done, 100));
				if (child.exitCode === null) return;
			}
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 150));
	}
	throw new Error(`server did not start in 30 s:\n${log()}`);
}

/**
 * Starts the production build (build/index.js) on a port with a fresh database seeded with the demo
 * (`env` adds or overrides variables).
 */
export async function startServer(
	port: number,
	name: string,
	env: Record<string, string> = {}
): Promise<Server> {
	const dir = resolve('tests/e2e/.tmp');
	mkdirSync(dir, { recursive: true });
	const dbPath = join(dir, `${name}.db`);
	for (const f of [dbPath, dbPath + '-wal', dbPath + '-shm']) rmSync(f, { force: true });
	const baseURL = `http://localhost:${port}`;
	let output = '';
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			DATABASE_URL: dbPath,
			CONCORD_DEMO: 'on',
			SMTP_URL: '',
			// As npm start sets it, so that tests exercise the schemas' limits, not only the body limit.
			BODY_SIZE_LIMIT: '5M',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	child.stdout?.on('data', (d) => (output += d));
	child.stderr?.on('data', (d) => (output += d));
	await waitForServer(baseURL, child, () => output);
	const db = new Database(dbPath);
	db.pragma('busy_timeout = 5000');
	return {
		baseURL,
		dbPath,
		log: () => output,
		sql: (q, ...p) =>
			/^\s*select/i.test(q) ? db.prepare(q).all(...p) : (db.prepare(q).run(...p), []),
		// Waits until the process has gone, so the next server on this port cannot be mistaken for it.
		stop: () =>
			new Promise((done) => {
				if (db.open) db.close();
				if (child.exitCode !== null || child.signalCode !== null)
					return done({ code: child.exitCode, signal: child.signalCode });
				child.once('exit', (code, signal) => done({ code, signal }));
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
			})
	};
}

/** Waits until the page has hydrated (the root layout sets html[data-ready]). */
export const ready = (p: Page) => p.waitForSelector('html[data-ready]', { state: 'attached' });

/** Where the server does real work (argon2 on sign-in, a page's first render), waits are generous. */
export const SERVER_WORK = { timeout: 20_000 };

/** Signs in through the form, as a person does: for tests about sign-in and for tests that sign out. */
export const signInWithForm = async (p: Page, role: DemoRole) => {
	await p.goto('/login');
	await ready(p);
	await p.getByLabel('Email').fill(ACCOUNTS[role]);
	await p.getByLabel('Password').fill(DEMO_PASSWORD);
	await p.getByRole('button', { name: 'Sign in' }).click();
	await expect(p).toHaveURL(new RegExp(`/${role}$`), SERVER_WORK);
	return p;
};

/**
 * Fills and submits the sign-in form the page shows (already open at /login) and waits, generously,
 * until the server has answered (argon2 is slow under load) and the page left /login. (It does not
 * wait for hydration: some tests run without JavaScript; call ready() where a test needs it.)
 */
export async function submitSignIn(p: Page, email: string, password = DEMO_PASSWORD) {
	await p.getByLabel('Email').fill(email);
	await p.getByLabel('Password').fill(password);
	await p.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
	await p.waitForURL((u) => !u.pathname.startsWith('/login'), SERVER_WORK);
}

/**
 * One session per role per worker, signed in once through the sign-in action (argon2 runs once, not
 * in every test) and kept as storage-state cookies. A test that signs out must not use it: signing
 * out ends the session for every later test of the worker (use signInWithForm there).
 */
async function signInOnce(baseURL: string, role: DemoRole) {
	const api = await pwRequest.newContext({ baseURL });
	const r = await api.post('/login', {
		form: { email: ACCOUNTS[role], password: DEMO_PASSWORD },
		headers: { origin: baseURL, accept: 'text/html' },
		maxRedirects: 0,
		timeout: 30_000
	});
	if (r.status() !== 303) throw new Error(`sign-in as ${role} answered ${r.status()}`);
	const { cookies } = await api.storageState();
	await api.dispose();
	return cookies;
}

/**
 * Each worker starts the production build on its own port with its own fresh database, seeded with
 * the demo study — so tests in different workers never share state.
 */
export const test = base.extend<
	{ loginAs: (role: DemoRole, page?: Page) => Promise<Page> },
	{ server: Server; sessions: (role: DemoRole) => ReturnType<typeof signInOnce> }
>({
	server: [
		// Playwright reads the fixture's dependencies from this destructuring pattern: it must stay.
		// eslint-disable-next-line no-empty-pattern
		async ({}, use, workerInfo) => {
			const s = await startServer(
				4300 + workerInfo.workerIndex,
				`worker-${workerInfo.workerIndex}`
			);
			await use(s);
			await s.stop();
		},
		{ scope: 'worker', auto: true }
	],
	sessions: [
		async ({ server }, use) => {
			const made = new Map<DemoRole, ReturnType<typeof signInOnce>>();
			await use((role) => {
				if (!made.has(role)) made.set(role, signInOnce(server.baseURL, role));
				return made.get(role)!;
			});
		},
		{ scope: 'worker' }
	],
	baseURL: async ({ server }, use) => use(server.baseURL),
	/** The page signed in as the role (the worker's session) and open at the role's home. */
	loginAs: async ({ page, sessions }, use) => {
		await use(async (role, p = page) => {
			await p.context().clearCookies();
			await p.context().addCookies(await sessions(role));
			await p.goto(`/${role}`, SERVER_WORK);
			await expect(p).toHaveURL(new RegExp(`/${role}$`), SERVER_WORK);
			return p;
		});
	}
});

/**
 * For tests that move the study on (close rounds, open new ones): a server and database of their own,
 * so that no other test sees the change. `own` is that server; `baseURL` points at it.
 */
export const isolatedTest = test.extend<{ own: Server }>({
	// eslint-disable-next-line no-empty-pattern
	own: async ({}, use, testInfo) => {
		const s = await startServer(4400 + testInfo.workerIndex, `isolated-${testInfo.workerIndex}`);
		await use(s);
		await s.stop();
	},
	baseURL: async ({ own }, use) => use(own.baseURL),
	// A server of its own has sessions of its own: sign in through the form.
	loginAs: async ({ page }, use) => {
		await use((role, p = page) => signInWithForm(p, role));
	}
});

export { expect };
