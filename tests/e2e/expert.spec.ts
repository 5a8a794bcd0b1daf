import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, isolatedTest, ready, SERVER_WORK, test, submitSignIn } from './fixtures';

async function openRound(page: Page, js = true) {
	await page
		.getByRole('link', {
			name: /Open the questionnaire|Continue|View your answers|打开问卷|继续填写|افتح الاستبيان|تابع|اعرض إجاباتك/
		})
		.click();
	await expect(
		page.getByRole('navigation', { name: /Parts of the questionnaire|问卷各部分|أجزاء الاستبيان/ })
	).toBeVisible();
	if (js) await ready(page);
}

/** Tabs forward until the focused element matches, failing after `max` presses. */
async function tabTo(page: Page, matches: () => boolean, max = 40) {
	for (let i = 0; i < max; i++) {
		await page.keyboard.press('Tab');
		if (await page.evaluate(matches)) return;
	}
	throw new Error('focus never reached the expected element');
}

test.describe('expert rounds', () => {
	test('a demo expert completes round 1 with the keyboard alone; submission makes it read-only', async ({
		page,
		loginAs
	}) => {
		// 38 pairs by keyboard are some 350 key presses: slow on a shared machine, so a longer budget.
		test.setTimeout(120_000);
		await loginAs('expert');
		await openRound(page);
		const parts = [
			'Pillars',
			'Traditional infrastructure',
			'Digital infrastructure',
			'Institutional infrastructure'
		];
		const pairsPerPart = [3, 10, 15, 10];
		for (let part = 0; part < 4; part++) {
			await expect(page.getByRole('heading', { level: 2, name: parts[part] })).toBeVisible();
			for (let k = 0; k < pairsPerPart[part]; k++) {
				// Tab into the next pair's radio group (unchecked: focus lands on its first point, "9" for A),
				// then eight steps right to the middle, "equally important".
				await tabTo(
					page,
					() => (document.activeElement as HTMLInputElement | null)?.type === 'radio'
				);
				for (let s = 0; s < 8; s++) await page.keyboard.press('ArrowRight');
			}
			await expect(page.locator('fieldset.pair input[value="0"]:checked')).toHaveCount(
				pairsPerPart[part]
			);
			if (part < 3) {
				await tabTo(
					page,
					() => document.activeElement?.textContent?.includes('Next part') ?? false
				);
				await page.keyboard.press('Enter');
			}
		}
		await expect(page.getByText('Saved', { exact: false })).toBeVisible();
		await tabTo(
			page,
			() => document.activeElement?.textContent?.includes('Submit round 1') ?? false,
			60
		);
		await page.keyboard.press('Enter');
		await expect(page.getByText(/You submitted this round on/)).toBeVisible();
		await expect(page.locator('fieldset.pair input[type=radio]').first()).toBeDisabled();
		await page.goto('/expert');
		await expect(page.getByText('38 of 38 comparisons')).toBeVisible();
		await expect(page.getByRole('link', { name: 'View your answers' })).toBeVisible();
	});

	test('an inconsistent node shows hints, and accepting one lowers the CR', async ({
		page,
		server
	}) => {
		await page.goto('/login');
		await ready(page);
		await submitSignIn(page, 'expert07@demo.test');
		await openRound(page);
		const pairs = page.locator('fieldset.pair');
		// A cycle: Traditional ≫ Digital, Digital ≫ Institutional, Institutional ≫ Traditional.
		await pairs.nth(0).locator('label.pt').nth(1).click();
		await pairs.nth(2).locator('label.pt').nth(1).click();
		await pairs.nth(1).locator('label.pt').nth(15).click();
		const cr = page.locator('p.cr strong');
		await expect(cr).toContainText('Consistency ratio (CR)');
		const before = Number((await cr.textContent())!.match(/[\d.]+$/)![0]);
		expect(before).toBeGreaterThan(0.1);
		await expect(page.getByText('contradict each other')).toBeVisible();
		await page.getByRole('button', { name: /^Use / }).first().click();
		await expect
			.poll(async () => Number((await cr.textContent())!.match(/[\d.]+$/)![0]))
			.toBeLessThan(before);
		const after = (await cr.textContent())!;
		// the accepted suggestion was saved as a draft on the server: a reload shows the same CR
		await expect(page.getByText(/Saved \d/)).toBeVisible();
		await page.reload();
		await expect(cr).toHaveText(after);
		const history = server.sql(
			"SELECT h.event FROM judgment_history h JOIN responses r ON r.id = h.response_id JOIN panelists p ON p.id = r.panelist_id WHERE p.email = 'expert07@demo.test' ORDER BY h.id DESC LIMIT 1"
		) as { event: string }[];
		expect(history[0].event).toBe('draft');
	});

	test('a reload mid-way keeps every answer', async ({ page }) => {
		await page.goto('/login');
		await ready(page);
		await submitSignIn(page, 'expert08@demo.test');
		await openRound(page);
		await page.getByRole('link', { name: /Digital infrastructure/ }).click();
		const pairs = page.locator('fieldset.pair');
		await pairs.nth(0).locator('label.pt').nth(5).click();
		await pairs.nth(3).locator('label.pt').nth(12).click();
		await pairs.nth(4).getByText('No opinion').click();
		await page
			.getByRole('textbox', { name: /Why do you weigh it this way/ })
			.fill('Speed matters more than coverage.');
		await expect(page.getByText(/Saved \d/)).toBeVisible();
		await page.reload();
		await expect(
			page.getByRole('heading', { level: 2, name: 'Digital infrastructure' })
		).toBeVisible();
		await expect(pairs.nth(0).locator('input[value="3"]')).toBeChecked();
		await expect(pairs.nth(3).locator('input[value="-4"]')).toBeChecked();
		await expect(pairs.nth(4).locator('input[value="na"]')).toBeChecked();
		await expect(page.getByRole('textbox', { name: /Why do you weigh it this way/ })).toHaveValue(
			'Speed matters more than coverage.'
		);
	});

	test('answers made while the network is down are kept and saved when it returns', async ({
		browser,
		baseURL,
		server
	}) => {
		const context = await browser.newContext({ baseURL });
		const page = await context.newPage();
		await page.goto('/login');
		await ready(page);
		await submitSignIn(page, 'expert03@demo.test');
		await ready(page);
		await page.getByLabel(/Language|语言/).selectOption('en');
		await openRound(page);
		await context.setOffline(true);
		await page.locator('fieldset.pair').first().locator('label.pt').nth(2).click();
		await expect(page.getByText(/Offline — your answers are kept here/)).toBeVisible({
			timeout: 10_000
		});
		await context.setOffline(false);
		await expect(page.getByText(/Saved \d/)).toBeVisible({ timeout: 15_000 });
		const saved = server.sql(
			"SELECT j.position FROM judgments j JOIN responses r ON r.id = j.response_id JOIN panelists p ON p.id = r.panelist_id WHERE p.email = 'expert03@demo.test' AND j.node = 'goal'"
		) as { position: number }[];
		expect(saved.map((r) => r.position)).toContain(6);
		await context.close();
	});

	isolatedTest(
		'a visitor whose browser prefers Chinese gets the sign-in page and its errors in Chinese',
		async ({ browser, baseURL }) => {
			const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
			const page = await context.newPage();
			await page.goto('/login');
			await ready(page);
			await expect(page.getByRole('heading', { name: '登录 Concord' })).toBeVisible();
			await page.getByLabel('电子邮箱').fill('expert04@demo.test');
			await page.getByLabel('密码').fill('wrong-password');
			await page.getByRole('button', { name: '登录' }).click();
			await expect(page.getByRole('alert')).toHaveText('该邮箱与密码不匹配任何账户。');
			const gone = await page.goto('/invite/abcdefghijklmnopqrstuvwxyz234567');
			expect(gone?.status()).toBe(404);
			await expect(page.getByText('此邀请链接无效。', { exact: false })).toBeVisible();
			await context.close();
		}
	);

	test('the Chinese version renders, and the language is remembered for the person', async ({
		page
	}) => {
		await page.goto('/login');
		await ready(page);
		await submitSignIn(page, 'expert02@demo.test');
		await expect(page.getByRole('heading', { name: '您的研究' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
		await page.getByRole('link', { name: '打开问卷' }).click();
		await expect(page.getByRole('heading', { level: 2, name: '支柱' })).toBeVisible();
		await expect(page.getByRole('heading', { name: '一致性' })).toBeVisible();
		await expect(page.getByText('传统基础设施').first()).toBeVisible();
		await page.getByLabel('语言').selectOption('en');
		await expect(page.getByRole('heading', { level: 2, name: 'Pillars' })).toBeVisible();
		await page.getByRole('button', { name: 'Sign out' }).click();
		await submitSignIn(page, 'expert02@demo.test');
		await expect(page.getByRole('heading', { name: 'Your studies' })).toBeVisible();
	});

	test('the scale works by touch at 375 px without sideways scrolling', async ({
		browser,
		baseURL
	}) => {
		const context = await browser.newContext({
			baseURL,
			viewport: { width: 375, height: 740 },
			hasTouch: true,
			isMobile: true
		});
		const page = await context.newPage();
		await page.goto('/login');
		await ready(page);
		await submitSignIn(page, 'expert04@demo.test');
		await openRound(page);
		await page.locator('fieldset.pair').first().locator('label.pt').nth(4).tap();
		await expect(page.locator('fieldset.pair').first().locator('input[value="4"]')).toBeChecked();
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - window.innerWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await context.close();
	});

	test('without JavaScript the survey still works: one form per part, saved with a button', async ({
		browser,
		baseURL
	}) => {
		const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/login');
		await submitSignIn(page, 'expert06@demo.test');
		await page.getByLabel(/Language|语言/).selectOption('en');
		await page.getByRole('button', { name: /Language|语言/ }).click();
		await openRound(page, false);
		const pairs = page.locator('fieldset.pair');
		await pairs.nth(0).locator('label.pt').nth(6).click();
		await pairs.nth(1).locator('label.pt').nth(9).click();
		await page.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(page.getByText('Your answers for this part are saved.')).toBeVisible();
		await expect(pairs.nth(0).locator('input[value="2"]')).toBeChecked();
		await expect(pairs.nth(1).locator('input[value="-1"]')).toBeChecked();
		await page.getByRole('button', { name: /Next part: Traditional infrastructure/ }).click();
		await expect(
			page.getByRole('heading', { level: 2, name: 'Traditional infrastructure' })
		).toBeVisible();
		// The live consistency panel is computed on the server's copy here, from the saved answers.
		await page.goto(page.url().replace(/node=[^&]+/, 'node=goal'));
		await expect(pairs.nth(0).locator('input[value="2"]')).toBeChecked();
		await context.close();
	});

	test('expert pages have no serious or critical accessibility violations', async ({ page }) => {
		await page.goto('/login');
		await ready(page);
		await submitSignIn(page, 'expert05@demo.test');
		await expect(page).toHaveURL(/\/expert$/);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		for (const step of ['home', 'survey'] as const) {
			if (step === 'survey') {
				await openRound(page);
				await page.locator('fieldset.pair').first().locator('label.pt').nth(3).click();
			}
			const results = await new AxeBuilder({ page }).analyze();
			const bad = results.violations.filter(
				(v) => v.impact === 'serious' || v.impact === 'critical'
			);
			expect(
				bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
				step
			).toEqual([]);
		}
	});
});

/** Round 1 of the demo study on a server. */
const roundOneOf = (server: { sql: (q: string) => unknown[] }) =>
	(
		server.sql('SELECT id, study_id FROM rounds WHERE number = 1') as {
			id: string;
			study_id: string;
		}[]
	)[0];

test.describe('round 2', () => {
	// A server of its own: closing round 1 is final (the database refuses to undo it).
	isolatedTest(
		'feedback appears from round 2, and an answer outside the band asks for a rationale',
		async ({ page, own: server }) => {
			const roundOne = roundOneOf(server);
			const settings = JSON.stringify({
				randomIndex: 'alonso-lamata-2006',
				crThreshold: 0.1,
				priorityMethod: 'eigenvector',
				aggregation: 'aij',
				rationaleAboveThreshold: false,
				rationaleOutsideBand: true,
				previewForExperts: false,
				stoppingRule: { minSStar: 0.75, maxStabilityPP: 1, maxRounds: 3 }
			});
			// The coordinator's round controls come with the cockpit; here the database moves the study on.
			server.sql("UPDATE rounds SET state = 'closed' WHERE id = ?", roundOne.id);
			server.sql(
				"INSERT INTO rounds (id, study_id, number, state, closes_at) VALUES ('e2e-round-2', ?, 2, 'open', ?)",
				roundOne.study_id,
				Date.now() + 7 * 864e5
			);
			server.sql('UPDATE studies SET settings = ? WHERE id = ?', settings, roundOne.study_id);
			{
				await page.goto('/login');
				await submitSignIn(page, 'expert11@demo.test');
				await expect(page.getByText('Round 2')).toBeVisible();
				await openRound(page);
				await expect(
					page.getByRole('heading', { name: "The panel's view from round 1" })
				).toBeVisible();
				await expect(page.getByText(/Panel \(round 1\): group judgement/).first()).toBeVisible();
				await expect(
					page.getByRole('heading', { name: 'Rationales from the panel last round' })
				).toBeVisible();
				await expect(page.locator('.rationales li').first()).toContainText(/^Expert [A-Z]+:/);
				// previous answers are pre-selected
				await expect(page.locator('fieldset.pair').first().locator('input:checked')).toHaveCount(1);
				// answer the first pair at the far end opposite the band
				const first = page.locator('fieldset.pair').first();
				const band = await first.locator('.band').boundingBox();
				const track = await first.locator('.points').boundingBox();
				const farRight = band!.x + band!.width / 2 < track!.x + track!.width / 2;
				await first
					.locator('label.pt')
					.nth(farRight ? 16 : 0)
					.click();
				await expect(
					first.getByText('Your answer is outside the middle half of the panel.')
				).toBeVisible();
				await expect(page.getByRole('textbox', { name: /Please say briefly why/ })).toBeVisible();
			}
		}
	);
});

/**
 * Every ▲ (group) and ◆ (previous) mark, and the band's ends, sit on the centre of the point they name
 * — left to right, and mirrored right to left (where item A, named first, is on the right).
 */
async function expectMarksOnPoints(page: Page) {
	const centre = (b: { x: number; width: number } | null) => b!.x + b!.width / 2;
	const rtl = await page.evaluate(
		() => getComputedStyle(document.documentElement).direction === 'rtl'
	);
	const rem = await page.evaluate(() =>
		parseFloat(getComputedStyle(document.documentElement).fontSize)
	);
	const checked: number[] = [];
	for (const pair of await page.locator('fieldset.pair').all()) {
		const dot = (p: number) =>
			pair
				.locator('label.pt')
				.nth(8 - p)
				.locator('.dot');
		// Item A's end of the scale (A 9) is on the side where A is named.
		const aSide = centre(await pair.locator('.ends .a').boundingBox());
		const bSide = centre(await pair.locator('.ends .b').boundingBox());
		const a9 = centre(await dot(8).boundingBox());
		const b9 = centre(await dot(-8).boundingBox());
		expect(aSide < bSide, 'item A is named at the start of the line').toBe(!rtl);
		expect(a9 < b9, 'A 9 is on the side where A is named').toBe(!rtl);
		for (const mark of await pair.locator('.group, .prev').all()) {
			const p = Number(await mark.getAttribute('data-position'));
			expect(
				Math.abs(centre(await mark.boundingBox()) - centre(await dot(p).boundingBox()))
			).toBeLessThan(1.5);
			checked.push(p);
		}
		const band = pair.locator('.band');
		if (await band.count()) {
			const [q1, q3] = [
				Number(await band.getAttribute('data-q1')),
				Number(await band.getAttribute('data-q3'))
			];
			const box = (await band.boundingBox())!;
			// The band's start (left, or right when mirrored) is at q3 (nearer A), its end at q1.
			const [start, end] = rtl
				? [box.x + box.width - 0.6 * rem, box.x + 0.6 * rem]
				: [box.x + 0.6 * rem, box.x + box.width - 0.6 * rem];
			if (Number.isInteger(q3))
				expect(Math.abs(start - centre(await dot(q3).boundingBox()))).toBeLessThan(1.5);
			if (Number.isInteger(q1))
				expect(Math.abs(end - centre(await dot(q1).boundingBox()))).toBeLessThan(1.5);
		}
	}
	return checked;
}

test.describe('round-2 feedback marks', () => {
	isolatedTest(
		'the group judgement, the previous answer and the band sit on the points they name, at both ends and the middle',
		async ({ page, own: server }) => {
			// Four page loads in two languages at two widths: generous on a loaded machine.
			test.setTimeout(120_000);
			const roundOne = roundOneOf(server);
			// Expert 05's round-1 draft answers the pillars at A 9, equal and B 9: their ◆ marks span the scale.
			const draft = (
				server.sql(
					"SELECT r.id FROM responses r JOIN panelists p ON p.id = r.panelist_id WHERE p.email = 'expert05@demo.test' AND r.round_id = ?",
					roundOne.id
				) as { id: string }[]
			)[0].id;
			const goal = server.sql(
				"SELECT item_a, item_b FROM judgments WHERE response_id = ? AND node = 'goal' ORDER BY item_a, item_b",
				draft
			) as { item_a: string; item_b: string }[];
			expect(goal).toHaveLength(3);
			goal.forEach((j, i) =>
				server.sql(
					"UPDATE judgments SET position = ? WHERE response_id = ? AND node = 'goal' AND item_a = ? AND item_b = ?",
					[8, 0, -8][i],
					draft,
					j.item_a,
					j.item_b
				)
			);
			server.sql("UPDATE rounds SET state = 'closed' WHERE id = ?", roundOne.id);
			server.sql(
				"INSERT INTO rounds (id, study_id, number, state, closes_at) VALUES ('e2e-round-2', ?, 2, 'open', ?)",
				roundOne.study_id,
				Date.now() + 7 * 864e5
			);
			// In English, and in Arabic (right to left: the scale mirrors, the marks must follow).
			for (const [lang, width] of [
				['en', 1280],
				['en', 375],
				['ar', 1280],
				['ar', 375]
			] as const) {
				await page.setViewportSize({ width, height: 900 });
				await page.goto('/login');
				if (await page.getByLabel('Email').isVisible()) {
					await submitSignIn(page, 'expert05@demo.test');
					// Signed in first (argon2 is slow under load), then the language.
					await expect(page).toHaveURL(/\/expert$/, SERVER_WORK);
					await ready(page);
				}
				const html = page.locator('html');
				if ((await html.getAttribute('lang')) !== lang) {
					await page.getByLabel(/Language|语言|اللغة/).selectOption(lang);
					await expect(html).toHaveAttribute('lang', lang, SERVER_WORK);
					await ready(page);
				}
				await expect(html).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
				await expect(page.getByText(lang === 'ar' ? 'الجولة 2' : 'Round 2')).toBeVisible(
					SERVER_WORK
				);
				await openRound(page);
				await ready(page);
				await expect(page.locator('fieldset.pair .group').first()).toBeVisible();
				const positions = await expectMarksOnPoints(page);
				// No sideways scrolling, and no wider page than the window.
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
					width
				);
				expect(positions).toEqual(expect.arrayContaining([8, 0, -8]));
				await page.screenshot({
					path: `test-results/round-2-feedback-${lang}-${width}.png`,
					fullPage: true
				});
				await page.goto('/expert');
			}
		}
	);
});
