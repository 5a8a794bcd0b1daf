import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
const BASE = 'http://127.0.0.1:4961';
const server = spawn(process.execPath, ['build/index.js'], { env: { ...process.env, PORT: '4961', HOST: '127.0.0.1', ORIGIN: BASE, DATABASE_URL: '/tmp/ac.db', CONCORD_DEMO: 'on' }, stdio: 'ignore' });
for (let i = 0; i < 100; i++) { try { if ((await fetch(BASE + '/login')).ok) break; } catch {} await new Promise(r => setTimeout(r, 100)); }
const r = await fetch(BASE + '/login', { method: 'POST', redirect: 'manual', headers: { origin: BASE, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' }, body: 'email=coordinator%40demo.test&password=concord-demo' });
const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
const html = await (await fetch(BASE + '/coordinator', { headers: { cookie } })).text();
const path = /href="(\/coordinator\/studies\/[a-z0-9]+)"/.exec(html)![1];
console.log(path, (await fetch(BASE + path, { headers: { cookie } })).status);
const res = await autocannon({ url: BASE + path, connections: 8, overallRate: 8, duration: 3, headers: { cookie } });
console.log(res.requests.total, res.non2xx, res.errors, res.latency.p50, res.statusCodeStats);
server.kill(); process.exit(0);
