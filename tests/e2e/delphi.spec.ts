import AxeBuilder from '@axe-core/playwright';
import { request as pwRequest, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, isolatedTest as test, ready } from './fixtures';

/**
 * The whole Delphi on a fresh demo server, as its three kinds of users walk it: an expert submits
 * round 1; the coordinator closes it and opens round 2 with the rationale prompt on; an expert sees
 * the feedback marks on the points they name and is asked for a rationale outside the band; the
 * panel submits round 2; the author previews round-2 weights with the Monte Carlo, reviews an edition
 * of round 2 (same ranks and intervals), is warned about the stopping rule when locking, and the
 * appendix's counts match the cockpit's. Every page visited is checked with axe.
 */

async function signIn(page: Page, email: string, language?: 'en') {
	await page.goto('/login');
	await ready(page);
	await page.getByLabel(/Email|电子邮件/).fill(email);
	await page.getByLabel(/Password|密码/).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: /Sign in|登录/ }).click();
	await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 20_000 });
	if (language) await page.getByLabel(/Language|语言/).selectOption(language);
}

async function noSeriousAxeViolations(page: Page, where: string) {
	const results = await new AxeBuilder({ page }).analyze();
	const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
	expect(
		bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
		where
	).toEqual([]);
}

type Row = Record<string, unknown>;

test('a whole Delphi: round 1, close, round 2 with feedback, preview with Monte Carlo, review, lock, appendix', async ({
	browser,
	own
}) => {
	test.setTimeout(240_000);
	const sql = own.sql;
	const study = (sql('SELECT id FROM studies') as { id: string }[])[0].id;
	const pillars = sql('SELECT id FROM pillars ORDER BY position') as { id: string }[];
	const indicators = sql('SELECT id, pillar_id FROM indicators ORDER BY position') as {
		id: string;
		pillar_id: string;
	}[];
	const nodes = [
		{ key: 'goal', items: pillars.map((p) => p.id) },
		...pillars.map((p) => ({
			key: p.id,
			items: indicators.filter((i) => i.pillar_id === p.id).map((i) => i.id)
		}))
	];
	const pairs = (items: string[]) => items.flatMap((a, i) => items.slice(i + 1).map((b) => [a, b]));
	const api = async (email: string) => {
		const ctx = await pwRequest.newContext({
			baseURL: own.baseURL,
			extraHTTPHeaders: { origin: own.baseURL, accept: 'text/html' }
		});
		const r = await ctx.post('/login', {
			form: { email, password: DEMO_PASSWORD },
			maxRedirects: 0,
			timeout: 30_000
		});
		expect(r.status()).toBe(303);
		return ctx;
	};

	// ── Round 1: an expert who had not started answers every pair and submits ─────────────────────
	const round1 = (sql('SELECT id FROM rounds WHERE number = 1') as { id: string }[])[0].id;
	{
		const e = await api('expert01@demo.test');
		for (const n of nodes) {
			const r = await e.post(`/expert/rounds/${round1}/draft`, {
				data: { node: n.key, judgments: pairs(n.items).map(([a, b]) => ({ a, b, position: 0 })) },
				headers: { 'content-type': 'application/json' }
			});
			expect(r.status()).toBe(200);
		}
		await e.dispose();
	}
	const ep = await (await browser.newContext({ baseURL: own.baseURL })).newPage();
	await signIn(ep, 'expert01@demo.test', 'en');
	await ep.getByRole('link', { name: /Continue|Open the questionnaire/ }).click();
	await ready(ep);
	await noSeriousAxeViolations(ep, 'questionnaire, round 1');
	await ep.getByRole('button', { name: 'Submit round 1' }).click();
	await expect(ep.getByRole('status').first()).toContainText(/submitted/i);

	// ── The coordinator closes round 1 and opens round 2 with the rationale prompt ────────────────
	const cp = await (await browser.newContext({ baseURL: own.baseURL })).newPage();
	await signIn(cp, 'coordinator@demo.test');
	await cp.getByRole('link', { name: 'Asia & G20 Smart City Rankings 2023 (demo)' }).click();
	await expect(cp.getByRole('heading', { name: 'Stopping rule' })).toBeVisible();
	const sub1 = Number(await cp.getByTestId('submitted').textContent());
	const inv1 = Number(await cp.getByTestId('invited').textContent());
	expect(sub1).toBe(25);
	await noSeriousAxeViolations(cp, 'cockpit');
	await cp.getByRole('link', { name: 'Rounds' }).click();
	await noSeriousAxeViolations(cp, 'rounds');
	await cp.getByLabel(/I want to close round 1/).check();
	await cp.getByRole('button', { name: 'Close round 1' }).click();
	await expect(cp.getByRole('heading', { name: 'Open round 2' })).toBeVisible();
	await cp.getByLabel(/answer is outside the panel's middle half/).check();
	await cp.getByRole('button', { name: 'Open round 2' }).click();
	await expect(cp.getByRole('button', { name: 'Close round 2' })).toBeVisible();
	const round2 = (sql('SELECT id, options FROM rounds WHERE number = 2') as Row[])[0];
	expect(JSON.parse(round2.options as string)).toMatchObject({ rationaleOutsideBand: true });

	// ── Round 2: an expert sees the feedback where it says, and a rationale is asked outside the band
	const xp = await (await browser.newContext({ baseURL: own.baseURL })).newPage();
	await signIn(xp, 'expert09@demo.test', 'en');
	await expect(xp.getByText(/your answers from round 1/)).toBeVisible();
	await xp.getByRole('link', { name: /Continue|Open the questionnaire/ }).click();
	await ready(xp);
	await expect(xp.locator('fieldset.pair .group').first()).toBeVisible();
	for (const mark of await xp.locator('fieldset.pair .group').all()) {
		const p = Number(await mark.getAttribute('data-position'));
		const pair = mark.locator('xpath=ancestor::fieldset[1]');
		const dot = pair
			.locator('label.pt')
			.nth(8 - p)
			.locator('.dot');
		const [m, d] = [(await mark.boundingBox())!, (await dot.boundingBox())!];
		expect(Math.abs(m.x + m.width / 2 - (d.x + d.width / 2))).toBeLessThan(1.5);
	}
	await noSeriousAxeViolations(xp, 'questionnaire, round 2 with feedback');
	const first = xp.locator('fieldset.pair').first();
	const band = (await first.locator('.band').boundingBox())!;
	const track = (await first.locator('.points').boundingBox())!;
	const farRight = band.x + band.width / 2 < track.x + track.width / 2;
	await first
		.locator('label.pt')
		.nth(farRight ? 16 : 0)
		.click();
	await expect(xp.getByRole('textbox', { name: /Please say briefly why/ })).toBeVisible();
	await xp.getByRole('textbox', { name: /Please say briefly why/ }).fill('I see it differently.');

	// The panel submits round 2 (each with a rationale for every pair, so none is missing).
	for (let n = 10; n <= 17; n++) {
		const e = await api(`expert${n}@demo.test`);
		for (const node of nodes) {
			const r = await e.post(`/expert/rounds/${round2.id}/draft`, {
				data: {
					node: node.key,
					judgments: [],
					pairComments: pairs(node.items).map(([a, b]) => ({ a, b, body: 'Still my view.' }))
				},
				headers: { 'content-type': 'application/json' }
			});
			expect(r.status()).toBe(200);
		}
		const s = await e.post(`/expert/rounds/${round2.id}?/submit`, {
			form: { confirmHighCr: 'on' },
			maxRedirects: 0
		});
		expect(s.status(), `expert${n} submits round 2`).toBe(303);
		await e.dispose();
	}

	// ── The author previews round-2 weights and runs the Monte Carlo ──────────────────────────────
	const ap = await (await browser.newContext({ baseURL: own.baseURL })).newPage();
	await signIn(ap, 'author@demo.test');
	const asia = (sql("SELECT id FROM editions WHERE slug = '2023-asia'") as { id: string }[])[0].id;
	await ap.goto(`/preview/${study}?edition=${asia}&weights=round-2`);
	await ready(ap);
	await ap.getByLabel('Noise f').fill('0');
	await ap.getByLabel('Draws').fill('1000');
	await ap.getByLabel('Seed', { exact: true }).fill('2023');
	await ap.getByRole('button', { name: 'Run Monte Carlo' }).click();
	await expect(ap.getByTestId('mc-done')).toBeVisible({ timeout: 60_000 });
	const rows = await ap
		.getByTestId('ranking')
		.locator('tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => {
				const td = [...tr.querySelectorAll('td')].map((x) => x.textContent!.trim());
				const interval = tr.querySelector('[data-testid=mc-interval]')!.textContent!.trim();
				return { name: td[1], rank: Number(td[0]), interval };
			})
		);
	const ranked = rows.filter((r) => Number.isFinite(r.rank) && /–/.test(r.interval));
	expect(ranked.length).toBe(144);
	const outside = ranked.filter((r) => {
		const [lo, hi] = r.interval.split('–').map(Number);
		return r.rank < lo || r.rank > hi;
	});
	expect(outside.length / ranked.length, outside.map((r) => r.name).join(', ')).toBeLessThanOrEqual(
		0.02
	);
	await noSeriousAxeViolations(ap, 'preview');

	// ── Round-2 weights re-rank the clusters; the sensitivity analysis runs to its chart ──────────
	const clusterTable = () =>
		ap
			.getByTestId('clusters-table')
			.locator('tbody tr')
			.evaluateAll((trs) => trs.map((tr) => tr.textContent!.replace(/\s+/g, ' ').trim()).join('|'));
	await expect(ap.getByTestId('cluster-row')).toHaveCount(5); // the Asian clusters of the demo
	const underRound2 = await clusterTable();
	await ap.getByLabel('Weights', { exact: true }).selectOption('equal');
	await expect.poll(clusterTable).not.toBe(underRound2);
	await ap.getByLabel('Weights', { exact: true }).selectOption('round-2');
	await expect.poll(clusterTable).toBe(underRound2);
	await ap.getByLabel('Base samples N').fill('300');
	await ap.getByRole('button', { name: 'Run the sensitivity analysis' }).click();
	await expect(ap.getByTestId('sens-done')).toContainText('1800 rankings', { timeout: 60_000 });
	await expect(ap.getByRole('img', { name: /Sobol indices/ })).toBeVisible();
	await expect(ap.getByTestId('sobol-table').locator('tbody tr')).toHaveCount(4);
	await expect(ap.getByTestId('loo-table').locator('tbody tr').first()).toContainText(
		/Expert [A-Z]+/
	);

	// ── An edition of round 2: its review shows the same ranks and intervals ─────────────────────
	await ap.goto('/author');
	await ready(ap);
	await ap.getByText('New edition').first().click();
	await ap.getByLabel('Title').first().fill('2024 Asia (round 2)');
	await ap.getByLabel('Weights from').first().selectOption({ label: 'Round 2 (open)' });
	await ap
		.getByLabel('Cities')
		.first()
		.selectOption({ label: 'the cities of 2023 Asia Smart City Ranking' });
	await ap.getByRole('button', { name: 'Create edition' }).first().click();
	await ap.getByRole('link', { name: '2024 Asia (round 2)', exact: true }).click();
	await expect(ap.getByTestId('top').locator('tbody tr')).toHaveCount(20);
	await noSeriousAxeViolations(ap, 'edition review');
	const top = await ap
		.getByTestId('top')
		.locator('tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => {
				const td = [...tr.querySelectorAll('td')].map((x) => x.textContent!.trim());
				const interval = tr.querySelector('[data-testid=interval]')!.textContent!.trim();
				return { rank: Number(td[0]), name: td[1], interval };
			})
		);
	for (const t of top) {
		const p = ranked.find((r) => r.name === t.name)!;
		expect({ rank: p.rank, interval: p.interval }, t.name).toEqual({
			rank: t.rank,
			interval: t.interval
		});
	}
	// Its cluster table downloads as a CSV through a plain link (no JavaScript needed): the same clusters.
	const csvHref = await ap
		.getByRole('link', { name: 'Download the clusters (CSV)' })
		.getAttribute('href');
	const csv = await ap.request.get(csvHref!);
	expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="clusters-.+\.csv"$/);
	const csvLines = (await csv.text())
		.replace(/^\uFEFF/, '')
		.trim()
		.split('\r\n');
	expect(csvLines[0]).toMatch(/^Cluster rank,Cluster,/);
	expect(csvLines.length - 1).toBe(await ap.getByTestId('cluster-row').count());

	// ── Locking warns: round 2 is open and the stopping rule does not hold ───────────────────────
	await expect(ap.getByText(/Round 2 is still open/).first()).toBeVisible();
	// Whether the stopping rule holds depends on the panel's answers: the review says which, and the
	// warning appears exactly when it does not.
	const met = (await ap
		.getByText(/Stopping rule (not )?met/)
		.first()
		.textContent())!.startsWith('Stopping rule met');
	await expect(ap.getByText(/stopping rule does not hold/)).toHaveCount(met ? 0 : 1);
	await ap.getByLabel(/I have reviewed the weights/).check();
	await ap.getByLabel(/Lock anyway/).check();
	await ap.getByRole('button', { name: 'Lock the weights' }).click();
	await expect(ap.getByRole('status')).toContainText('Locked as version 1');

	// ── The appendix's counts are the cockpit's ──────────────────────────────────────────────────
	await ap
		.getByRole('link', { name: /appendix/i })
		.first()
		.click();
	await expect(ap.getByRole('heading', { name: /methodology appendix/i })).toBeVisible();
	await noSeriousAxeViolations(ap, 'appendix');
	await expect(ap.getByText(`${sub1}/${inv1}`).first()).toBeVisible();
	await expect(ap.getByText(/has run 2 rounds/)).toBeVisible();
	await expect(
		ap.getByText(met ? /the stopping rule held/ : /the stopping rule did not hold/)
	).toBeVisible();
	// The method and the clusters recorded with the lock.
	await expect(ap.getByTestId('appendix-scoring')).toContainText('min–max onto 0–100');
	await expect(ap.getByTestId('appendix-scoring')).toContainText(/version 1 of the study.s groups/);
	await expect(ap.getByTestId('appendix-clusters').locator('tbody tr')).toHaveCount(5);
});
