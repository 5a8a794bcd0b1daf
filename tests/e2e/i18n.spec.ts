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
	test.setTimeout(120_000);
	const texts = own.sql(
		`SELECT title AS t FROM studies UNION ALL SELECT description FROM studies
		 UNION ALL SELECT name_en FROM pillars UNION ALL SELECT name_zh FROM pillars
		 UNION ALL SELECT description_en FROM pillars UNION ALL SELECT name_en FROM indicators
		 UNION ALL SELECT name_zh FROM indicators UNION ALL SELECT description_en FROM indicators
		 UNION ALL SELECT description_zh FROM indicators UNION ALL SELECT unit FROM indicators
		 UNION ALL SELECT name FROM users UNION ALL SELECT email FROM users`
	) as { t: string }[];
	// Longer texts first, and each sentence of a description on its own (a page may show one).
	const data = texts.flatMap((r) => [r.t, ...r.t.split(/(?<=\.)\s+/)]);
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
			for (const k of keys) expect(text, `${where} (${lang})`).not.toContain(`${k}`);
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
