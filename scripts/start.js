// `npm start`: build when the build is missing or older than the sources, then serve the production
// server (adapter-node) with sensible local defaults. Migrations and the demo seed run at server start
// (src/hooks.server.ts → init).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);

const port = process.env.PORT || '3000';
process.env.PORT = port;
process.env.ORIGIN ||= `http://localhost:${port}`;
process.env.DATABASE_URL ||= './data/concord.db';
process.env.BODY_SIZE_LIMIT ||= '5M';

/** @param {string} path @returns {number} newest modification time below path */
function newest(path) {
	if (!existsSync(path)) return 0;
	const st = statSync(path);
	if (!st.isDirectory()) return st.mtimeMs;
	return Math.max(st.mtimeMs, ...readdirSync(path).map((f) => newest(join(path, f))));
}

const built = existsSync('build/index.js') ? statSync('build/index.js').mtimeMs : 0;
const sources = Math.max(
	newest('src'),
	newest('static'),
	newest('package.json'),
	newest('svelte.config.js'),
	newest('vite.config.ts')
);
if (built < sources) {
	console.log(
		built ? 'Sources changed since the last build: rebuilding…' : 'Building Concord (first start)…'
	);
	const r = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		{ stdio: 'inherit' }
	);
	if (r.status !== 0) process.exit(r.status ?? 1);
}

await import(join(root, 'build/index.js'));
