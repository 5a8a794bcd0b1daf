import {
	expect,
	isolatedTest,
	signInWithForm,
	test,
	DEMO_PASSWORD,
	submitSignIn
} from './fixtures';

// Tests that sign in wrongly run on a server of their own: a block they start (per account, per
// address) must not decide the outcome of a later test on a shared server.

test.describe('sign-in', () => {
	// Signs out, so it signs in through the form (not with the worker's shared sessions).
	test('each demo role signs in and lands on its home', async ({ page }) => {
		await signInWithForm(page, 'coordinator');
		await expect(page.getByRole('heading', { name: 'Studies you coordinate' })).toBeVisible();
		await expect(
			page.getByRole('link', { name: 'Asia & G20 Smart City Rankings 2023 (demo)' })
		).toBeVisible();
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/login$/);

		await signInWithForm(page, 'author');
		await expect(page.getByRole('row', { name: /2023 Asia Smart City Ranking/ })).toContainText(
			'144'
		);
		await expect(page.getByRole('row', { name: /2023 G20 Smart City Ranking/ })).toContainText(
			'184'
		);
		await expect(page.getByText('synthetic demonstration data').first()).toBeVisible();
		await page.getByRole('button', { name: 'Sign out' }).click();

		await signInWithForm(page, 'expert');
		await expect(page.getByText('0 of 38 comparisons')).toBeVisible();
	});

	isolatedTest(
		'a wrong password is refused with a clear message and no session',
		async ({ page }) => {
			await page.goto('/login');
			await page.getByLabel('Email').fill('expert02@demo.test');
			await page.getByLabel('Password').fill('not-the-password');
			await page.getByRole('button', { name: 'Sign in' }).click();
			await expect(page.getByRole('alert')).toHaveText(
				'That email and password do not match an account.'
			);
			await expect(page.getByLabel('Email')).toHaveValue('expert02@demo.test');
			await page.goto('/expert');
			await expect(page).toHaveURL(/\/login\?next=%2Fexpert$/);
		}
	);

	isolatedTest(
		'repeated failures on one account get 429 with Retry-After',
		async ({ request, baseURL }) => {
			const post = (password: string) =>
				request.post('/login', {
					form: { email: 'expert03@demo.test', password },
					headers: { origin: baseURL!, accept: 'text/html' },
					maxRedirects: 0
				});
			for (let i = 0; i < 5; i++) expect((await post('wrong-' + i)).status()).toBe(400);
			const blocked = await post(DEMO_PASSWORD);
			expect(blocked.status()).toBe(429);
			expect(Number(blocked.headers()['retry-after'])).toBeGreaterThan(0);
		}
	);

	test('a cross-site form POST is refused', async ({ request }) => {
		const r = await request.post('/login', {
			form: { email: 'coordinator@demo.test', password: DEMO_PASSWORD },
			headers: { origin: 'https://evil.example' },
			maxRedirects: 0
		});
		expect(r.status()).toBe(403);
		expect(r.headers()['set-cookie'] ?? '').not.toContain('concord_session');
	});
});

test.describe('invitations', () => {
	test('invite → accept → signed in → expert home; the link works once', async ({
		page,
		browser,
		loginAs,
		baseURL
	}) => {
		await loginAs('coordinator');
		await page.getByRole('link', { name: 'Asia & G20 Smart City Rankings 2023 (demo)' }).click();
		await page.getByRole('link', { name: 'Panel & invitations' }).click();
		await page.getByLabel('Name', { exact: true }).fill('Mei Invitee');
		await page.getByLabel('Email', { exact: true }).fill('mei.invitee@example.org');
		await page.getByLabel(/Region/).fill('East Asia');
		await page.getByRole('button', { name: 'Send invitation' }).click();
		const notice = page.getByRole('status');
		await expect(notice).toContainText('Invitation created for mei.invitee@example.org');
		const link = (await notice.locator('code').textContent())!.trim();
		expect(link.startsWith(`${baseURL}/invite/`)).toBe(true);
		// pending, and waiting in the outbox (no SMTP here): "queued"
		await expect(page.getByRole('row', { name: /mei.invitee@example.org/ }).first()).toContainText(
			'queued'
		);

		const guest = await browser.newContext({ baseURL });
		const g = await guest.newPage();
		await g.goto(link);
		await expect(g.getByRole('heading', { name: 'Welcome to Concord' })).toBeVisible();
		await expect(g.getByLabel('Your name')).toHaveValue('Mei Invitee');
		// Bad input: clear messages, nothing changes.
		await g.getByLabel(/^Password/).fill('short');
		await g.getByLabel('Repeat the password').fill('different');
		await g.getByRole('button', { name: 'Accept and sign in' }).click();
		await expect(g.getByText('Use at least 10 characters.')).toBeVisible();
		await g.getByLabel(/^Password/).fill('a-long-password');
		await g.getByLabel('Repeat the password').fill('a-long-password');
		await g.getByRole('button', { name: 'Accept and sign in' }).click();
		await expect(g).toHaveURL(/\/expert$/);
		await expect(
			g.getByRole('heading', { name: 'Asia & G20 Smart City Rankings 2023 (demo)' })
		).toBeVisible();
		await expect(g.getByText(/Other experts see you as Expert [A-Z]+/)).toBeVisible();

		// The same link again: a clear "already used" page, not a 500.
		const again = await g.goto(link);
		expect(again?.status()).toBe(410);
		await expect(g.getByText('This invitation has already been used.')).toBeVisible();
		await guest.close();

		await page.reload();
		await expect(page.getByRole('row', { name: /mei.invitee@example.org/ }).first()).toContainText(
			'accepted'
		);
	});

	test('an expired or unknown invitation gets a clear page', async ({ page, server }) => {
		await signInWithForm(page, 'coordinator'); // it signs out below
		await page.getByRole('link', { name: 'Asia & G20 Smart City Rankings 2023 (demo)' }).click();
		await page.getByRole('link', { name: 'Panel & invitations' }).click();
		await page.getByLabel('Name', { exact: true }).fill('Late Comer');
		await page.getByLabel('Email', { exact: true }).fill('late@example.org');
		await page.getByRole('button', { name: 'Send invitation' }).click();
		const link = (await page.getByRole('status').locator('code').textContent())!.trim();
		server.sql("UPDATE invitations SET expires_at = 0 WHERE email = 'late@example.org'");
		await page.getByRole('button', { name: 'Sign out' }).click();

		const expired = await page.goto(link);
		expect(expired?.status()).toBe(410);
		await expect(page.getByText('This invitation has expired.')).toBeVisible();

		const unknown = await page.goto('/invite/abcdefghijklmnopqrstuvwxyz234567');
		expect(unknown?.status()).toBe(404);
		await expect(page.getByText('This invitation link is not valid.')).toBeVisible();
	});
});

test.describe('authorization', () => {
	test('an expert is refused on coordinator and author pages, including their actions', async ({
		page,
		loginAs,
		server
	}) => {
		await loginAs('expert');
		const studyId = (server.sql('SELECT id FROM studies') as { id: string }[])[0].id;
		for (const path of [
			'/coordinator',
			`/coordinator/studies/${studyId}`,
			`/coordinator/studies/${studyId}/panel`,
			'/author'
		]) {
			const r = await page.goto(path);
			expect(r?.status(), path).toBe(403);
		}
		const post = await page.request.post(`/coordinator/studies/${studyId}/panel?/invite`, {
			form: { name: 'Sneaky', email: 'sneaky@example.org', role: 'coordinator' },
			headers: { origin: server.baseURL }
		});
		expect(post.status()).toBe(403);
		expect(server.sql("SELECT * FROM invitations WHERE email = 'sneaky@example.org'")).toHaveLength(
			0
		);
	});

	test('a signed-out visitor is sent to sign-in, and back afterwards', async ({ page }) => {
		await page.goto('/author');
		await expect(page).toHaveURL(/\/login\?next=%2Fauthor$/);
		await submitSignIn(page, 'author@demo.test');
		await expect(page).toHaveURL(/\/author$/);
	});
});
