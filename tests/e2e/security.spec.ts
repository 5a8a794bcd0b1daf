import { request as pwRequest, type APIRequestContext } from '@playwright/test';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ACCESS } from '../../src/lib/server/access';
import { ACCOUNTS, DEMO_PASSWORD, expect, isolatedTest as test } from './fixtures';

/**
 * Tried as an attacker inside the panel would: staff of one study with the ids of another, malformed
 * bodies against every action, redirects after sign-in, and what reaches an expert's browser.
 */

type Sql = (query: string, ...params: unknown[]) => unknown[];

/** Every table's rows, hashed: a refused request must leave it exactly as it was. */
function checksum(sql: Sql): Record<string, string> {
	const tables = (
		sql("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'") as {
			name: string;
		}[]
	)
		.map((t) => t.name)
		// Sessions are touched by sign-ins; refused sign-ins may add rate-limit rows and auth.* audit rows.
		.filter((n) => !['sessions', 'rate_limits', '__drizzle_migrations'].includes(n));
	const out: Record<string, string> = {};
	for (const name of tables) {
		const where = name === 'audit_log' ? " WHERE action NOT LIKE 'auth.%'" : '';
		const rows = sql(`SELECT * FROM "${name}"${where} ORDER BY rowid`);
		out[name] = createHash('sha256').update(JSON.stringify(rows)).digest('hex');
	}
	return out;
}

/** Route files and the form actions each declares, read from the source: new ones are covered. */
function routeActions(): Map<string, { actions: string[]; methods: string[] }> {
	const found = new Map<string, { actions: string[]; methods: string[] }>();
	const walk = (dir: string) => {
		for (const f of readdirSync(dir)) {
			const p = join(dir, f);
			if (statSync(p).isDirectory()) walk(p);
			else if (f === '+page.server.ts' || f === '+server.ts') {
				const src = readFileSync(p, 'utf8');
				const id = '/' + dir.replace(/^src\/routes\/?/, '');
				const routeId = id === '/' ? '/' : id.replace(/\/$/, '');
				const entry = found.get(routeId) ?? { actions: [], methods: [] };
				const block = src.split('export const actions')[1] ?? '';
				entry.actions.push(...[...block.matchAll(/^\t(\w+): (?:async )?\(/gm)].map((m) => m[1]));
				entry.methods.push(
					...[...src.matchAll(/^export const (GET|POST|PUT|PATCH|DELETE)\b/gm)].map((m) => m[1])
				);
				found.set(routeId, entry);
			}
		}
	};
	walk('src/routes');
	return found;
}

async function signedIn(baseURL: string, email: string): Promise<APIRequestContext> {
	const ctx = await pwRequest.newContext({
		baseURL,
		extraHTTPHeaders: { origin: baseURL, accept: 'text/html' }
	});
	const r = await ctx.post('/login', {
		form: { email, password: DEMO_PASSWORD },
		maxRedirects: 0,
		timeout: 30_000
	});
	expect(r.status(), `sign-in of ${email}`).toBe(303);
	return ctx;
}

/** A second study with its own staff and panel, written straight into the database. */
function seedStudyB(sql: Sql) {
	const hash = (
		sql('SELECT password_hash AS h FROM users WHERE email = ?', ACCOUNTS.coordinator) as {
			h: string;
		}[]
	)[0].h;
	const settings = (sql('SELECT settings FROM studies LIMIT 1') as { settings: string }[])[0]
		.settings;
	const b = {
		study: 'study-b',
		round: 'round-b',
		edition: 'edition-b',
		panelist: 'panelist-b',
		invitation: 'invitation-b',
		comment: 'comment-b',
		response: 'response-b',
		coordinator: 'user-b-coord',
		author: 'user-b-author',
		expert: 'user-b-expert'
	};
	for (const [id, email] of [
		[b.coordinator, 'coord-b@other.test'],
		[b.author, 'author-b@other.test'],
		[b.expert, 'expert-b@other.test']
	])
		sql(
			'INSERT INTO users (id, email, name, password_hash) VALUES (?, ?, ?, ?)',
			id,
			email,
			email,
			hash
		);
	sql(
		"INSERT INTO studies (id, slug, title, settings, created_by) VALUES (?, 'study-b', 'Study B', ?, ?)",
		b.study,
		settings,
		b.coordinator
	);
	for (const [user, role] of [
		[b.coordinator, 'coordinator'],
		[b.author, 'author'],
		[b.expert, 'expert']
	])
		sql('INSERT INTO memberships (study_id, user_id, role) VALUES (?, ?, ?)', b.study, user, role);
	sql(
		"INSERT INTO rounds (id, study_id, number, state, opened_at, closes_at) VALUES (?, ?, 1, 'open', 0, 4102444800000)",
		b.round,
		b.study
	);
	sql(
		"INSERT INTO panelists (id, study_id, user_id, name, email, pseudonym, state) VALUES (?, ?, ?, 'B Expert', 'expert-b@other.test', 'Expert A', 'active')",
		b.panelist,
		b.study,
		b.expert
	);
	sql(
		"INSERT INTO invitations (id, study_id, email, name, role, token_hash, expires_at) VALUES (?, ?, 'new-b@other.test', 'New B', 'expert', 'hash-b', 4102444800000)",
		b.invitation,
		b.study
	);
	sql(
		"INSERT INTO responses (id, round_id, panelist_id, state, revision, updated_at) VALUES (?, ?, ?, 'draft', 1, 0)",
		b.response,
		b.round,
		b.panelist
	);
	sql(
		"INSERT INTO comments (id, response_id, node, body, updated_at) VALUES (?, ?, 'goal', 'B''s rationale', 0)",
		b.comment,
		b.response
	);
	sql(
		"INSERT INTO editions (id, study_id, slug, title, year, round_id) VALUES (?, ?, 'b-2023', 'B 2023', 2023, ?)",
		b.edition,
		b.study,
		b.round
	);
	return b;
}

const fill = (routeId: string, p: Record<string, string>) =>
	routeId
		.replace('[studyId]', p.studyId)
		.replace('[roundId]', p.roundId)
		.replace('[editionId]', p.editionId)
		.replace('[file]', 'round-1.json')
		.replace('[version]', '1');

test.describe('walls between studies', () => {
	test.setTimeout(300_000);

	test('every route and action, for each role of the demo study, with ids of study B, is refused and changes nothing', async ({
		own
	}) => {
		const b = seedStudyB(own.sql);
		const routes = routeActions();
		const params = { studyId: b.study, roundId: b.round, editionId: b.edition };
		const idCandidates = [
			b.panelist,
			b.comment,
			b.invitation,
			b.expert,
			b.coordinator,
			b.round,
			b.edition
		];
		const bodyFor = (id: string) => ({
			id,
			studyId: b.study,
			roundId: b.round,
			previous: b.edition,
			universe: b.edition,
			editionId: b.edition,
			weight: '1',
			hidden: '1',
			reason: 'cross-study probe',
			title: 'Hijacked',
			year: '2024',
			closesAt: '2099-01-01',
			email: 'probe@other.test',
			name: 'Probe',
			role: 'coordinator',
			node: 'goal',
			code: 'T1'
		});
		const before = checksum(own.sql);
		const outcomes: string[] = [];
		for (const role of ['coordinator', 'author', 'expert'] as const) {
			const api = await signedIn(own.baseURL, ACCOUNTS[role]);
			for (const [routeId, entry] of routes) {
				const rule = ACCESS[routeId];
				const scoped = /\[(studyId|roundId|editionId)\]/.test(routeId);
				// Routes without a study in the path take the study from the body (author?/create).
				if (!scoped && !(routeId === '/author' && entry.actions.length)) continue;
				expect(rule, `${routeId} is in the access table`).toBeDefined();
				const url = fill(routeId, params);
				if (scoped && (entry.methods.includes('GET') || !entry.methods.length)) {
					const r = await api.get(url, { maxRedirects: 0 });
					outcomes.push(`${role} GET ${url} ${r.status()}`);
					expect(r.status(), `${role} GET ${url}`).toBeGreaterThanOrEqual(400);
					expect(r.status(), `${role} GET ${url}`).toBeLessThan(500);
				}
				if (entry.methods.includes('POST')) {
					const r = await api.post(url, { data: { node: 'goal', judgments: [] }, maxRedirects: 0 });
					outcomes.push(`${role} POST ${url} ${r.status()}`);
					expect(r.status(), `${role} POST ${url}`).toBeGreaterThanOrEqual(400);
					expect(r.status(), `${role} POST ${url}`).toBeLessThan(500);
				}
				for (const action of entry.actions) {
					const target = action === 'default' ? url : `${url}?/${action}`;
					for (const id of idCandidates) {
						const r = await api.post(target, { form: bodyFor(id), maxRedirects: 0 });
						const s = r.status();
						outcomes.push(`${role} POST ${target} ${s}`);
						expect(s, `${role} POST ${target} id=${id}`).toBeGreaterThanOrEqual(400);
						expect(s, `${role} POST ${target} id=${id}`).toBeLessThan(500);
					}
				}
			}
			await api.dispose();
		}
		expect(outcomes.length).toBeGreaterThan(100);
		expect(checksum(own.sql)).toEqual(before);
	});
});

test.describe('malformed input', () => {
	test.setTimeout(300_000);

	test('every action and endpoint of one’s own study: no 5xx, and refused bodies change no row', async ({
		own
	}) => {
		const study = (own.sql('SELECT id FROM studies LIMIT 1') as { id: string }[])[0].id;
		const round = (
			own.sql("SELECT id FROM rounds WHERE state = 'open' LIMIT 1") as { id: string }[]
		)[0].id;
		const edition = (own.sql('SELECT id FROM editions LIMIT 1') as { id: string }[])[0].id;
		const params = { studyId: study, roundId: round, editionId: edition };
		const fields = [
			'id',
			'email',
			'name',
			'role',
			'weight',
			'excluded',
			'reason',
			'hidden',
			'closesAt',
			'title',
			'year',
			'roundId',
			'previous',
			'universe',
			'studyId',
			'code',
			'original',
			'kind',
			'nameEn',
			'nameZh',
			'pillar',
			'rangeMin',
			'rangeMax',
			'crThreshold',
			'randomIndex',
			'priorityMethod',
			'aggregation',
			'reminderIntervalHours',
			'minGroupSize',
			'minSStar',
			'maxStabilityPP',
			'maxRounds',
			'locale',
			'next',
			'current',
			'password',
			'confirm',
			'node',
			'comment',
			'goto'
		];
		const big = 'x'.repeat(1024 * 1024);
		const bodies: { label: string; body: () => string }[] = [
			{ label: 'empty', body: () => '' },
			// Under the 5 MB body limit: the schemas, not the body limit, must refuse these.
			{
				label: '1 MB strings',
				body: () => ['id', 'email', 'name', 'reason'].map((f) => `${f}=${big}`).join('&')
			},
			{
				label: '64 KB everywhere',
				body: () => fields.map((f) => `${f}=${big.slice(0, 65536)}`).join('&')
			},
			...['NaN', 'Infinity', '-1e309', '0x3', '2099-02-30', '-9', '\u0000'].map((v) => ({
				label: v,
				body: () => fields.map((f) => `${f}=${encodeURIComponent(v)}`).join('&')
			})),
			{
				label: 'duplicated fields',
				body: () => fields.flatMap((f) => [`${f}=1`, `${f}=nope`]).join('&')
			}
		];
		// Actions a valid request needs no input for: an empty or junk body may legitimately act.
		const actsWithoutInput = new Set(['/coordinator/studies/[studyId]/panel?/remind']);
		const routes = routeActions();
		const staff = {
			coordinator: await signedIn(own.baseURL, ACCOUNTS.coordinator),
			author: await signedIn(own.baseURL, ACCOUNTS.author),
			expert: await signedIn(own.baseURL, ACCOUNTS.expert)
		};
		const who = (routeId: string) =>
			routeId.startsWith('/expert')
				? staff.expert
				: routeId.startsWith('/author') || routeId.startsWith('/editions')
					? staff.author
					: staff.coordinator;
		let requests = 0;
		for (const [routeId, entry] of routes) {
			if (
				['/login', '/logout', '/invite/[token]', '/reset/[token]', '/coordinator/new'].includes(
					routeId
				)
			)
				continue;
			const url = fill(routeId, params);
			const api = who(routeId);
			for (const action of entry.actions) {
				const key = `${routeId}?/${action}`;
				const target = action === 'default' ? url : `${url}?/${action}`;
				for (const b of bodies) {
					// An action that reads no input answers before a large body is sent: the socket is reset.
					if (actsWithoutInput.has(key) && b.label.includes('B ')) continue;
					const before = checksum(own.sql);
					const r = await api.post(target, {
						data: b.body(),
						headers: { 'content-type': 'application/x-www-form-urlencoded' },
						maxRedirects: 0
					});
					requests++;
					expect(r.status(), `${key} with ${b.label}`).toBeLessThan(500);
					if (!actsWithoutInput.has(key) && r.status() >= 400)
						expect(
							checksum(own.sql),
							`${key} with ${b.label} was refused but changed rows`
						).toEqual(before);
					if (!actsWithoutInput.has(key))
						expect(r.status(), `${key} with ${b.label} should be refused`).toBeGreaterThanOrEqual(
							key.startsWith('/account?/locale') ||
								key.startsWith('/expert/rounds/[roundId]?/submit')
								? 200
								: 400
						);
				}
			}
			if (entry.methods.includes('POST')) {
				for (const data of [
					'not json',
					'{"node": 1}',
					JSON.stringify({
						node: 'goal',
						judgments: Array.from({ length: 500 }, () => ({ a: 'x', b: 'y', position: 1 }))
					}),
					JSON.stringify({ node: 'goal', judgments: [{ a: 'x', b: 'y', position: 9 }] }),
					JSON.stringify({ node: 'goal', judgments: [{ a: 'x', b: 'y', position: 'NaN' }] }),
					JSON.stringify({ title: big, columns: [], rows: [] })
				]) {
					const before = checksum(own.sql);
					const r = await api.post(url, { data, headers: { 'content-type': 'application/json' } });
					requests++;
					expect(r.status(), `POST ${routeId} ${data.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
					expect(r.status(), `POST ${routeId} ${data.slice(0, 40)}`).toBeLessThan(500);
					expect(checksum(own.sql)).toEqual(before);
				}
			}
		}
		expect(requests).toBeGreaterThan(150);
		for (const api of Object.values(staff)) await api.dispose();
	});
});

test.describe('heavy work', () => {
	test('downloads are limited per session with a 429, Retry-After and a sentence; another session is not', async ({
		own
	}) => {
		const studyId = (own.sql('SELECT id FROM studies WHERE is_demo = 1') as { id: string }[])[0].id;
		const path = `/coordinator/studies/${studyId}/export/round-1-group.csv`;
		const one = await signedIn(own.baseURL, ACCOUNTS.coordinator);
		for (let i = 0; i < 20; i++)
			expect((await one.get(path)).status(), `download ${i + 1}`).toBe(200);
		const refused = await one.get(path);
		expect(refused.status()).toBe(429);
		expect(Number(refused.headers()['retry-after'])).toBeGreaterThan(0);
		expect(await refused.text()).toContain('Too many downloads in a minute');
		const other = await signedIn(own.baseURL, ACCOUNTS.coordinator);
		expect((await other.get(path)).status()).toBe(200);
	});
});

test.describe('sign-in redirects and headers', () => {
	test('next= never leaves the site, and a bad next is no 500 after the session is written', async ({
		own
	}) => {
		for (const next of [
			'/%09/evil.example',
			'/%0A/x',
			'/%E3%80%80/evil.example',
			'//evil.example',
			'/\\evil.example'
		]) {
			const api = await pwRequest.newContext({
				baseURL: own.baseURL,
				extraHTTPHeaders: { origin: own.baseURL, accept: 'text/html' }
			});
			const r = await api.post(`/login?next=${next}`, {
				form: { email: ACCOUNTS.expert, password: DEMO_PASSWORD },
				maxRedirects: 0
			});
			expect(r.status(), next).toBe(303);
			expect(r.headers().location, next).toBe('/expert');
			// Signed in: GET /login?next=… redirects the same way; so does the language switch.
			const g = await api.get(`/login?next=${next}`, { maxRedirects: 0 });
			expect(g.headers().location, next).toBe('/expert');
			const l = await api.post(`/account?/locale`, {
				form: { locale: 'en', next: decodeURIComponent(next) },
				maxRedirects: 0
			});
			expect(l.status(), next).toBeLessThan(500);
			if (l.status() === 303) expect(l.headers().location).toBe('/');
			await api.dispose();
		}
	});

	test('pages carry a Content-Security-Policy and the other protective headers', async ({
		own
	}) => {
		const api = await pwRequest.newContext({ baseURL: own.baseURL });
		const r = await api.get('/login');
		const h = r.headers();
		expect(h['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
		expect(h['content-security-policy']).toMatch(/frame-ancestors 'none'/);
		expect(h['content-security-policy']).toMatch(/object-src 'none'/);
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['referrer-policy']).toBe('same-origin');
		expect(h['x-frame-options']).toBe('DENY');
		await api.dispose();
	});
});

test.describe('what reaches an expert', () => {
	test('no load function sends an expert another expert’s judgements, weights or identity', async ({
		own
	}) => {
		// The study lets experts see the preview: the case that leaked every expert's matrices.
		const study = (
			own.sql('SELECT id, settings FROM studies LIMIT 1') as { id: string; settings: string }[]
		)[0];
		own.sql(
			'UPDATE studies SET settings = ? WHERE id = ?',
			JSON.stringify({ ...JSON.parse(study.settings), previewForExperts: true }),
			study.id
		);
		const round = (own.sql('SELECT id FROM rounds LIMIT 1') as { id: string }[])[0].id;
		const me = ACCOUNTS.expert;
		const others = own.sql(
			'SELECT p.id, p.name, p.email, u.id AS user_id FROM panelists p LEFT JOIN users u ON u.id = p.user_id WHERE p.email <> ?',
			me
		) as { id: string; name: string; email: string; user_id: string | null }[];
		// Every page an expert can open, by its route id; the list must match the access table.
		const pages: Record<string, string> = {
			'/': '/',
			'/account': '/account',
			'/expert': '/expert',
			'/expert/rounds/[roundId]': `/expert/rounds/${round}`,
			'/preview/[studyId]': `/preview/${study.id}`
		};
		const routes = routeActions();
		const expertPages = Object.entries(ACCESS)
			.filter(
				([id, rule]) =>
					(rule === 'public' ||
						rule === 'signed-in' ||
						(Array.isArray(rule) && rule.includes('expert'))) &&
					!routes.get(id)?.methods.length
			)
			.map(([id]) => id)
			.filter((id) => !['/logout', '/login', '/invite/[token]', '/reset/[token]'].includes(id));
		expect(Object.keys(pages).sort()).toEqual(expertPages.sort());
		const api = await signedIn(own.baseURL, me);
		for (const [id, path] of Object.entries(pages)) {
			const r = await api.get(`${path.replace(/\/$/, '')}/__data.json`);
			expect(r.status(), id).toBe(200);
			const text = await r.text();
			expect(text, id).not.toMatch(/"matrices"/);
			for (const o of others) {
				expect(text, `${id} names ${o.email}`).not.toContain(o.email);
				expect(text, `${id} names ${o.name}`).not.toContain(o.name);
				expect(text, `${id} carries panelist id ${o.id}`).not.toContain(o.id);
				if (o.user_id) expect(text, `${id} carries user id`).not.toContain(o.user_id);
			}
		}
		await api.dispose();
	});
});
