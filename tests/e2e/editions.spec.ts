import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, isolatedTest as test, SERVER_WORK, submitSignIn } from './fixtures';

function verify(bundle: unknown) {
	const file = join(mkdtempSync(join(tmpdir(), 'concord-verify-')), 'bundle.json');
	writeFileSync(file, JSON.stringify(bundle, null, 2));
	const r = spawnSync(
		process.execPath,
		['node_modules/tsx/dist/cli.mjs', 'scripts/verify.ts', file],
		{ encoding: 'utf8' }
	);
	return { status: r.status, out: r.stdout + r.stderr };
}

test('an author reviews and locks the Asia and G20 editions from one round; locks cannot change; bundles verify', async ({
	page,
	loginAs,
	own
}) => {
	test.setTimeout(90_000);
	await loginAs('author');
	const ids: string[] = [];
	for (const title of ['2023 Asia Smart City Ranking', '2023 G20 Smart City Ranking']) {
		await page.goto('/author');
		await page.getByRole('link', { name: title, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Not locked yet' })).toBeVisible();
		await expect(page.getByTestId('top').locator('tbody tr')).toHaveCount(20);
		await expect(page.getByText(/Stopping rule (not )?met/)).toBeVisible();
		// locking needs the confirmation
		await page.getByRole('button', { name: 'Lock the weights' }).click();
		await expect(page.getByRole('alert')).toContainText('Tick the confirmation');
		await page.getByLabel(/I have reviewed the weights/).check();
		// round 1 is still open and the stopping rule does not hold: the author must say so
		await page.getByRole('button', { name: 'Lock the weights' }).click();
		await expect(page.getByRole('alert')).toContainText('Round 1 is still open');
		await page.getByLabel(/I have reviewed the weights/).check();
		await page.getByLabel(/Lock anyway/).check();
		await page.getByRole('button', { name: 'Lock the weights' }).click();
		await expect(page.getByRole('status')).toContainText('Locked as version 1');
		ids.push(new URL(page.url()).pathname.split('/').pop()!);
	}
	const sets = own.sql(
		'SELECT edition_id, version, round_id, hash FROM weight_sets ORDER BY locked_at'
	) as { edition_id: string; version: number; round_id: string; hash: string }[];
	expect(sets).toHaveLength(2);
	expect(sets[0].round_id).toBe(sets[1].round_id);

	// Through the app: a new version must say why (the form requires it, and so does the server).
	await expect(page.getByLabel(/Why a new version supersedes version 1/)).toHaveAttribute(
		'required',
		''
	);
	const post = await page.request.post(`/author/editions/${ids[1]}?/lock`, {
		form: { confirm: 'yes', reason: '' },
		headers: { origin: own.baseURL, accept: 'text/html' }
	});
	expect(post.status()).toBe(400);
	expect(own.sql('SELECT count(*) AS n FROM weight_sets')).toEqual([{ n: 2 }]);
	// Directly in the database: UPDATE and DELETE fail.
	expect(() => own.sql("UPDATE weight_sets SET hash = 'tampered'")).toThrow(/cannot be changed/);
	expect(() => own.sql('DELETE FROM weight_sets')).toThrow(/cannot be deleted/);
	expect(
		(own.sql('SELECT hash FROM weight_sets ORDER BY locked_at') as { hash: string }[]).map(
			(r) => r.hash
		)
	).toEqual(sets.map((s) => s.hash));

	// The appendix renders and prints.
	await page.goto(`/editions/${ids[0]}/appendix`);
	await expect(page.getByRole('heading', { name: /methodology appendix/ })).toBeVisible();
	await expect(page.getByText(/Weights locked as version 1/)).toBeVisible();
	await expect(page.getByRole('heading', { name: '4. Final weights' })).toBeVisible();
	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
	expect(pdf.length).toBeGreaterThan(20_000);

	// The bundle verifies; one altered judgement fails and names the weights that differ.
	const bundle = await (await page.request.get(`/editions/${ids[0]}/bundle/1`)).json();
	const ok = verify(bundle);
	expect(ok.out).toContain('Verified');
	expect(ok.status).toBe(0);
	const altered = structuredClone(bundle);
	const j = altered.experts[0].judgments.find((x: { node: string }) => x.node === 'goal');
	j.position = j.position === 8 ? -8 : 8;
	const bad = verify(altered);
	expect(bad.status).toBe(1);
	expect(bad.out).toContain('NOT verified');
	expect(bad.out).toMatch(/pillar [TDI]: bundle says/);
	expect(bad.out).toContain('DOES NOT MATCH');

	// The audit trail shows both locks.
	await page.goto('/author');
	await page.getByRole('link', { name: 'Audit trail' }).click();
	await page.getByLabel('Kind').selectOption('weights');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page.getByTestId('audit').locator('tbody tr')).toHaveCount(2);
});

test('experts see only the published weights; coordinators reach the appendix', async ({
	browser,
	own,
	baseURL
}) => {
	// Three sign-ins, a review, a lock and an appendix: generous on a loaded machine.
	test.setTimeout(120_000);
	const author = await browser.newContext({ baseURL });
	const a = await author.newPage();
	await a.goto('/login');
	await a.waitForSelector('html[data-ready]', { state: 'attached' });
	await submitSignIn(a, 'author@demo.test');
	await a.getByRole('link', { name: '2023 Asia Smart City Ranking', exact: true }).click();
	await a.getByLabel(/I have reviewed the weights/).check();
	await a.getByLabel(/Lock anyway/).check();
	await a.getByRole('button', { name: 'Lock the weights' }).click();
	await expect(a.getByRole('status')).toContainText('Locked as version 1', SERVER_WORK);
	const editionId = new URL(a.url()).pathname.split('/').pop()!;
	await author.close();

	const expert = await browser.newContext({ baseURL });
	const e = await expert.newPage();
	await e.goto('/login');
	await e.waitForSelector('html[data-ready]', { state: 'attached' });
	await submitSignIn(e, 'expert01@demo.test');
	const published = e.getByRole('heading', {
		name: /2023 Asia Smart City Ranking: published weights \(v1\)/
	});
	// Not while round 1 is open: published weights would anchor the answers.
	await expect(e.getByText(/Round 1/).first()).toBeVisible(SERVER_WORK);
	await expect(published).toHaveCount(0);
	own.sql("UPDATE rounds SET state = 'closed', closed_at = ? WHERE number = 1", Date.now());
	await e.reload();
	await expect(published).toBeVisible(SERVER_WORK);
	for (const path of [
		`/author/editions/${editionId}`,
		`/editions/${editionId}/appendix`,
		`/editions/${editionId}/bundle/1`
	]) {
		expect((await e.request.get(path, { maxRedirects: 0 })).status(), path).toBe(403);
	}
	await expert.close();

	const coordinator = await browser.newContext({ baseURL });
	const c = await coordinator.newPage();
	await c.goto('/login');
	await c.waitForSelector('html[data-ready]', { state: 'attached' });
	await submitSignIn(c, 'coordinator@demo.test');
	await c.getByRole('link', { name: 'Asia & G20 Smart City Rankings 2023 (demo)' }).click();
	await c.getByRole('link', { name: '2023 Asia Smart City Ranking' }).click();
	await expect(c.getByRole('heading', { name: /methodology appendix/ })).toBeVisible(SERVER_WORK);
	expect((await c.request.get(`/author/editions/${editionId}`, { maxRedirects: 0 })).status()).toBe(
		403
	);
	await coordinator.close();
	expect(own.sql('SELECT count(*) AS n FROM weight_sets')).toEqual([{ n: 1 }]);
	// The heavy-work thread has run (review, appendix): a service manager's SIGTERM still stops the
	// server by itself, without the SIGKILL that follows after 5 s.
	expect(await own.stop()).toEqual({ code: 0, signal: null });
});
