import { test as base, expect, type Page } from '@playwright/test';
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
};

async function waitForServer(url: string, child: ChildProcess, log: () => string): Promise<void> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log()}`);
		try {
			const r = await fetch(url + '/login');
			if (r.ok) return;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 150));
	}
	throw new Error(`server did not start in 30 s:\n${log()}`);
}

/**
 * Each worker starts the production build (build/index.js) on its own port with its own fresh
 * database, seeded with the demo study — so tests in different workers never share state.
 */
export const test = base.extend<
	{ loginAs: (role: DemoRole, page?: Page) => Promise<Page> },
	{ server: Server }
>({
	server: [
		// Playwright reads the fixture's dependencies from this destructuring pattern: it must stay.
		// eslint-disable-next-line no-empty-pattern
		async ({}, use, workerInfo) => {
			const port = 4300 + workerInfo.workerIndex;
			const dir = resolve('e2e/.tmp');
			mkdirSync(dir, { recursive: true });
			const dbPath = join(dir, `worker-${workerInfo.workerIndex}.db`);
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
					SMTP_URL: ''
				},
				stdio: ['ignore', 'pipe', 'pipe']
			});
			child.stdout?.on('data', (d) => (output += d));
			child.stderr?.on('data', (d) => (output += d));
			await waitForServer(baseURL, child, () => output);
			const db = new Database(dbPath);
			db.pragma('busy_timeout = 5000');
			await use({
				baseURL,
				dbPath,
				sql: (q, ...p) =>
					/^\s*select/i.test(q) ? db.prepare(q).all(...p) : (db.prepare(q).run(...p), [])
			});
			db.close();
			child.kill('SIGTERM');
		},
		{ scope: 'worker', auto: true }
	],
	baseURL: async ({ server }, use) => use(server.baseURL),
	loginAs: async ({ page }, use) => {
		await use(async (role, p = page) => {
			await p.goto('/login');
			await p.getByLabel('Email').fill(ACCOUNTS[role]);
			await p.getByLabel('Password').fill(DEMO_PASSWORD);
			await p.getByRole('button', { name: 'Sign in' }).click();
			await expect(p).toHaveURL(new RegExp(`/${role}$`));
			return p;
		});
	}
});

export { expect };
