import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, ready, test } from './fixtures';

/** axe on every page of every role: no serious or critical violation. */
async function check(page: Page, path: string) {
	const r = await page.goto(path);
	expect(r?.status(), path).toBe(200);
	await ready(page);
	const results = await new AxeBuilder({ page }).analyze();
	return results.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${path} — ${v.id}: ${v.nodes
					.map((n) => n.target.join(' '))
					.slice(0, 3)
					.join(', ')}`
		);
}

test('every page of every role has no serious or critical accessibility violation', async ({
	browser,
	baseURL,
	server,
	loginAs
}) => {
	test.setTimeout(180_000);
	const study = (server.sql('SELECT id FROM studies') as { id: string }[])[0].id;
	const round = (server.sql('SELECT id FROM rounds') as { id: string }[])[0].id;
	const edition = (
		server.sql("SELECT id FROM editions WHERE slug = '2023-asia'") as { id: string }[]
	)[0].id;
	const pages: Record<string, string[]> = {
		coordinator: [
			'/coordinator',
			`/coordinator/studies/${study}`,
			`/coordinator/studies/${study}/panel`,
			`/coordinator/studies/${study}/rounds`,
			`/coordinator/studies/${study}/setup`,
			`/coordinator/studies/${study}/data`,
			`/audit/${study}`,
			`/editions/${edition}/appendix`,
			'/account'
		],
		author: [
			'/author',
			`/author/editions/${edition}`,
			`/preview/${study}`,
			`/audit/${study}`,
			'/account'
		],
		expert: ['/expert', `/expert/rounds/${round}`, '/account']
	};
	const problems: string[] = [];
	const anon = await (await browser.newContext({ baseURL })).newPage();
	problems.push(...(await check(anon, '/login')));
	for (const [role, paths] of Object.entries(pages)) {
		const page = await (await browser.newContext({ baseURL })).newPage();
		await loginAs(role as 'coordinator' | 'author' | 'expert', page);
		for (const path of paths) problems.push(...(await check(page, path)));
		await page.context().close();
	}
	expect(problems).toEqual([]);
});
