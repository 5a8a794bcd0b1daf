import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
const BASE = 'http://127.0.0.1:4962';
const server = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/saveprof', 'build/index.js'], { env: { ...process.env, PORT: '4962', HOST: '127.0.0.1', ORIGIN: BASE, DATABASE_URL: '/tmp/ps.db', CONCORD_DEMO: 'on' }, stdio: 'inherit' });
for (let i = 0; i < 100; i++) { try { if ((await fetch(BASE + '/login')).ok) break; } catch {} await new Promise(r => setTimeout(r, 100)); }
const db = new Database('/tmp/ps.db', { readonly: true });
const round = db.prepare("SELECT id FROM rounds WHERE state='open'").get() as { id: string };
const pillars = (db.prepare('SELECT id FROM pillars ORDER BY position').all() as { id: string }[]).map(p => p.id);
const email = (db.prepare("SELECT p.email FROM panelists p WHERE p.email LIKE 'expert%' AND p.id NOT IN (SELECT panelist_id FROM responses WHERE round_id = ? AND state = 'submitted') LIMIT 1").get(round.id) as { email: string }).email;
const r = await fetch(BASE + '/login', { method: 'POST', redirect: 'manual', headers: { origin: BASE, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${encodeURIComponent(email)}&password=concord-demo` });
const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
let k = 0;
const res = await autocannon({ url: `${BASE}/expert/rounds/${round.id}/draft`, connections: 16, duration: 8, requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, headers: { cookie, origin: BASE, 'content-type': 'application/json' }, body: JSON.stringify({ node: 'goal', judgments: [{ a: pillars[0], b: pillars[1], position: (k++ % 17) - 8 }] }) }) }] });
console.log('saves/s', res.requests.average, 'p50', res.latency.p50, 'p99', res.latency.p99, 'non2xx', res.non2xx);
server.kill('SIGINT'); await new Promise(r => setTimeout(r, 1500)); process.exit(0);
