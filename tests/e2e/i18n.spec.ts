import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { SERVER_WORK, expect, isolatedTest as test, ready } from './fixtures';

/**
 * The pages an expert reads, crawled in Chinese and in Arabic: no English interface text and no raw
 * message key may show. What may stay in English is data that exists in one language only — the study's
 * own texts (title, description, pillar and indicator names, descriptions and units: the study gives
 * them in English and Chinese), people's names and e-mail addresses, and a short list of names and
 * symbols (below).
 */
// (Each language is named in itself in the language picker: "English" stays English.)
const ALLOWED = [
	'Concord',
	'SimpleMaps World Cities Basic',
	'CC BY',
	'CR',
	'S*',
	'English',
	// the method's names, as the literature writes them
	"Kendall's W",
	'AHP',
	'Saaty',
	'UTC'
];
const english = JSON.parse(readFileSync('messages/en.json', 'utf8')) as Record<string, string>;
const keys = Object.keys(english).filter((k) => k !== '$schema');

/**
 * What the database holds in one language only: the study's own texts (both languages), people's,
 * cities' and datasets' names, edition titles, the panel's regions and expertise, rationales. Longer
 * texts first, and each sentence of a description on its own (a page may show one).
 */
function studyData(own: { sql: (q: string) => unknown }): string[] {
	const texts = own.sql(
		`SELECT title AS t FROM studies UNION ALL SELECT title_zh FROM studies
		 UNION ALL SELECT description FROM studies UNION ALL SELECT description_zh FROM studies
		 UNION ALL SELECT name_en FROM pillars UNION ALL SELECT name_zh FROM pillars
		 UNION ALL SELECT description_en FROM pillars UNION ALL SELECT description_zh FROM pillars
		 UNION ALL SELECT name_en FROM indicators UNION ALL SELECT name_zh FROM indicators
		 UNION ALL SELECT description_en FROM indicators UNION ALL SELECT description_zh FROM indicators
		 UNION ALL SELECT unit FROM indicators UNION ALL SELECT name FROM users
		 UNION ALL SELECT email FROM users UNION ALL SELECT name FROM cities
		 UNION ALL SELECT country FROM cities UNION ALL SELECT title FROM editions
		 UNION ALL SELECT name FROM datasets UNION ALL SELECT source FROM datasets
		 UNION ALL SELECT region FROM panelists UNION ALL SELECT expertise FROM panelists
		 UNION ALL SELECT affiliation FROM panelists UNION ALL SELECT name FROM panelists
		 UNION ALL SELECT email FROM panelists UNION ALL SELECT email FROM invitations
		 UNION ALL SELECT name FROM invitations UNION ALL SELECT body FROM comments`
	) as { t: string | null }[];
	return texts.flatMap((r) => (r.t ? [r.t, ...r.t.split(/(?<=\.)\s+/)] : []));
}

/** Visible text of the page (header, content, footer), with the allowed data taken out. */
async function foreignText(page: Page, data: string[]): Promise<string> {
	let text = await page.evaluate(() => document.body.innerText);
	for (const d of [...data, ...ALLOWED].filter(Boolean).sort((a, b) => b.length - a.length))
		text = text.split(d).join(' ');
	return text;
}

test('the expert pages (and the account) in Chinese and Arabic show no English interface text and no raw key', async ({
	page,
	own
}) => {
	test.setTimeout(240_000);
	const data = studyData(own);
	const round = (
		own.sql("SELECT id FROM rounds WHERE state = 'open' ORDER BY number LIMIT 1") as {
			id: string;
		}[]
	)[0].id;

	for (const lang of ['zh', 'ar'] as const) {
		const context = await page
			.context()
			.browser()!
			.newContext({
				baseURL: own.baseURL,
				locale: lang === 'zh' ? 'zh-CN' : 'ar'
			});
		const p = await context.newPage();
		const check = async (where: string) => {
			await expect(p.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'ar');
			await expect(p.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
			const text = await foreignText(p, data);
			// No message key (snake_case words such as err_fix_fields) …
			expect(text, `${where} (${lang}): a raw key`).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
			// (One assertion for all keys: a thousand expect calls per page cost minutes.)
			expect(
				keys.filter((k) => text.includes(k)),
				`${where} (${lang})`
			).toEqual([]);
			// … and no English word left once the data is taken out.
			const words = text.match(/[A-Za-z]{3,}/g) ?? [];
			expect(words, `${where} (${lang}): English left on the page`).toEqual([]);
		};

		// A visitor whose browser prefers the language: the welcome page, a page that does not exist,
		// the sign-in page and its refusal.
		await p.goto('/');
		await check('welcome');
		await p.goto('/no-such-page');
		await check('not found');
		await p.goto('/login');
		await ready(p);
		await check('sign-in');
		await p.locator('input[name=email]').fill('expert06@demo.test');
		await p.locator('input[name=password]').fill('not the password');
		await p.locator('form button[type=submit]').click();
		await expect(p.getByRole('alert')).toBeVisible(SERVER_WORK);
		await check('sign-in refused');

		await p.locator('input[name=password]').fill('concord-demo');
		await p.locator('form button[type=submit]').click();
		await expect(p).toHaveURL(/\/expert$/, SERVER_WORK);
		await ready(p);
		if ((await p.locator('html').getAttribute('lang'))?.slice(0, 2) !== lang) {
			await p.locator('#lang-select').selectOption(lang);
			await expect(p.locator('html')).toHaveAttribute(
				'lang',
				lang === 'zh' ? 'zh-CN' : 'ar',
				SERVER_WORK
			);
			await ready(p);
		}
		await check('expert home');
		await p.goto('/account');
		await ready(p);
		await check('account');
		await p.goto('/logout');
		await ready(p);
		await check('sign out');
		await p.goto(`/expert/rounds/${round}`);
		await ready(p);
		// Every part of the questionnaire, with its consistency panel and hints.
		const parts = p
			.getByRole('navigation', { name: lang === 'zh' ? '问卷各部分' : 'أجزاء الاستبيان' })
			.getByRole('link');
		await expect(parts).toHaveCount(4);
		for (let i = 0; i < 4; i++) {
			await parts.nth(i).click();
			await ready(p);
			await check(`questionnaire part ${i + 1}`);
		}
		// Back to English for the next language (the choice is stored for the person).
		await p.locator('#lang-select').selectOption('en');
		await expect(p.locator('html')).toHaveAttribute('lang', 'en', SERVER_WORK);
		await context.close();
	}
});

/**
 * Visible text of a staff page with what is data by its markup taken out: elements marked
 * `lang="en"` (study texts without a Chinese translation, shown marked; references), `translate="no"`
 * (recorded values such as the audit trail's changes) and code (hashes, links, file columns).
 */
async function staffText(page: Page, data: string[]): Promise<string> {
	let text = await page.evaluate(() => {
		document.querySelectorAll('details').forEach((d) => (d.open = true));
		const body = document.body.cloneNode(true) as HTMLElement;
		body
			.querySelectorAll('[lang="en"], [translate="no"], code, script, style')
			.forEach((e) => e.remove());
		// innerText needs layout: measure the clone in the document, then drop it.
		body.style.position = 'absolute';
		body.style.left = '-99999px';
		document.documentElement.appendChild(body);
		const t = body.innerText;
		body.remove();
		return t;
	});
	text = text.replace(/https?:\/\/\S+/g, ' '); // links (a mail's, an invitation's)
	// Case-blind: a style may show a title in capitals.
	const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	for (const d of [...data, ...ALLOWED, ...STAFF_ALLOWED]
		.filter(Boolean)
		.sort((a, b) => b.length - a.length))
		text = text.replace(new RegExp(escape(d), 'gi'), ' ');
	return text;
}
// Names the staff pages keep as the literature and the file formats write them.
const STAFF_ALLOWED = [
	'Spearman',
	'Goepel',
	'Delphi',
	'SHA-256',
	'sha256',
	'JSON',
	'CSV',
	'XLSX',
	'Excel',
	'SMTP_URL',
	'AIJ',
	'AIP',
	'GCI',
	'IQR',
	'UTF-8',
	'SimpleMaps',
	'Bozóki, Fülöp & Rónyai',
	'Aguarón & Moreno-Jiménez',
	'PDF',
	'PNG',
	'Kendall',
	'λ-min',
	// the random index tables, by their authors
	'Alonso & Lamata',
	'Donegan & Dodd',
	// the sensitivity analysis's method and its sources
	'Sobol',
	'OECD',
	'JRC',
	'COINr'
];

test('every staff page in Chinese, and the appendix in Chinese and Arabic, shows no English interface text', async ({
	page,
	own
}) => {
	test.setTimeout(240_000);
	const data = studyData(own);
	const study = (own.sql('SELECT id FROM studies WHERE is_demo = 1') as { id: string }[])[0].id;
	const edition = (own.sql('SELECT id FROM editions ORDER BY title LIMIT 1') as { id: string }[])[0]
		.id;

	const check = async (where: string, lang: 'zh' | 'ar' = 'zh') => {
		await expect(page.locator('html')).toHaveAttribute('lang', lang === 'zh' ? 'zh-CN' : 'ar');
		const text = await staffText(page, data);
		expect(text, `${where}: a raw key`).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
		expect(text.match(/[A-Za-z]{3,}/g) ?? [], `${where}: English left on the page`).toEqual([]);
	};
	const signInAs = async (email: string) => {
		await page.goto('/login');
		await ready(page);
		await page.locator('input[name=email]').fill(email);
		await page.locator('input[name=password]').fill('concord-demo');
		await page.locator('form button[type=submit]').click();
		await expect(page).not.toHaveURL(/\/login/, SERVER_WORK);
		await ready(page);
		if ((await page.locator('html').getAttribute('lang')) !== 'zh-CN') {
			await page.locator('#lang-select').selectOption('zh');
			await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN', SERVER_WORK);
			await ready(page);
		}
	};
	const visit = async (path: string, where: string) => {
		await page.goto(path);
		await ready(page);
		await check(where);
	};

	await signInAs('coordinator@demo.test');
	const base = `/coordinator/studies/${study}`;
	await visit('/coordinator', 'studies');
	await visit(base, 'monitor');
	await visit(`${base}/panel`, 'panel');
	await visit(`${base}/rounds`, 'rounds');
	await visit(`${base}/setup`, 'framework and settings');
	await visit(`${base}/data`, 'data');
	await visit(`${base}/clusters`, 'clusters and the ranking method');
	await visit(`/audit/${study}`, 'audit trail');
	await visit(`/preview/${study}`, 'preview');
	await page.getByRole('button', { name: '运行蒙特卡洛' }).click();
	await expect(page.getByTestId('mc-done')).toBeVisible({ timeout: 60_000 });
	await check('preview after its Monte Carlo');
	await page.getByLabel('基础样本数 N').fill('200');
	await page.getByRole('button', { name: '运行敏感性分析' }).click();
	await expect(page.getByTestId('sens-done')).toBeVisible({ timeout: 60_000 });
	await check('preview after its sensitivity analysis');
	await page.locator('#lang-select').selectOption('en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en', SERVER_WORK);
	await page.context().clearCookies();

	await signInAs('author@demo.test');
	await visit('/author', 'editions');
	await visit(`/author/editions/${edition}`, 'edition review');
	await visit(`/editions/${edition}/appendix`, 'appendix');
	// The appendix in Arabic, right to left, whatever the reader's own language.
	await page.goto(`/editions/${edition}/appendix?lang=ar`);
	await ready(page);
	await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
	await check('appendix in Arabic', 'ar');
	await page.locator('#lang-select').selectOption('en');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en', SERVER_WORK);
});
