import {
	analyzeRound,
	positionToValue,
	type ExpertRoundInput,
	type Hierarchy
} from '../../src/lib/ahp/index';
import { expect, isolatedTest as test, submitSignIn } from './fixtures';

type Sql = (q: string, ...p: unknown[]) => unknown[];

/** analyzeRound on the submitted responses of round 1, straight from the database. */
function expectedAnalysis(sql: Sql) {
	const pillars = sql('SELECT id, code FROM pillars ORDER BY position') as {
		id: string;
		code: string;
	}[];
	const indicators = sql('SELECT id, code, pillar_id FROM indicators ORDER BY position') as {
		id: string;
		code: string;
		pillar_id: string;
	}[];
	const hierarchy: Hierarchy = {
		goal: { id: 'goal', items: pillars.map((p) => p.id) },
		pillars: pillars.map((p) => ({
			id: p.id,
			items: indicators.filter((i) => i.pillar_id === p.id).map((i) => i.id)
		}))
	};
	const rows = sql(
		"SELECT r.panelist_id AS expert, j.node, j.item_a AS a, j.item_b AS b, j.position FROM judgments j JOIN responses r ON r.id = j.response_id JOIN rounds ro ON ro.id = r.round_id WHERE ro.number = 1 AND r.state = 'submitted'"
	) as { expert: string; node: string; a: string; b: string; position: number | null }[];
	const experts = new Map<string, ExpertRoundInput>();
	const nodes = [hierarchy.goal, ...hierarchy.pillars];
	for (const r of rows) {
		if (!experts.has(r.expert)) {
			experts.set(r.expert, {
				expertId: r.expert,
				matrices: Object.fromEntries(
					nodes.map((n) => [
						n.id,
						n.items.map((_, i) => n.items.map((__, j) => (i === j ? 1 : null)))
					])
				)
			});
		}
		const node = nodes.find((n) => n.id === r.node)!;
		const m = experts.get(r.expert)!.matrices[r.node] as (number | null)[][];
		const [i, j] = [node.items.indexOf(r.a), node.items.indexOf(r.b)];
		if (r.position !== null) {
			m[i][j] = positionToValue(r.position);
			m[j][i] = 1 / m[i][j]!;
		}
	}
	return {
		analysis: analyzeRound({ hierarchy, experts: [...experts.values()] }),
		pillars,
		indicators
	};
}

test('a coordinator runs round 1 to its close and opens round 2, watching the panel live', async ({
	page,
	browser,
	loginAs,
	own,
	baseURL
}) => {
	test.setTimeout(90_000);
	await loginAs('coordinator');
	await page.getByRole('link', { name: 'Asia & G20 Smart City Rankings 2023 (demo)' }).click();
	await expect(page).toHaveURL(/\/coordinator\/studies\/[^/]+$/);
	const monitor = page.url();

	// Invite two experts.
	await page.getByRole('link', { name: 'Panel & invitations' }).click();
	for (const [name, email] of [
		['Ana Pereira', 'ana.pereira@example.org'],
		['Kenji Mori', 'kenji.mori@example.org']
	]) {
		await page.getByLabel('Name', { exact: true }).fill(name);
		await page.getByLabel('Email', { exact: true }).fill(email);
		await page.getByRole('button', { name: 'Send invitation' }).click();
		await expect(page.getByRole('status')).toContainText(`Invitation created for ${email}`);
	}
	await expect(page.getByRole('row', { name: /ana.pereira@example.org/ }).first()).toContainText(
		'queued'
	);

	// The monitor's numbers are analyzeRound's on the same data.
	await page.goto(monitor);
	await expect(page.getByTestId('submitted')).toHaveText('24');
	await expect(page.getByTestId('invited')).toHaveText('34');
	const { analysis, pillars, indicators } = expectedAnalysis(own.sql);
	for (const [key, label] of [
		['goal', 'Pillars'],
		...pillars.map((p) => [p.id, null] as const)
	] as const) {
		const row =
			key === 'goal'
				? page.locator('tr[data-node="goal"]')
				: page.locator(`tr[data-node="${key}"]`);
		await expect(row.getByTestId('sstar')).toHaveText(
			analysis.nodes[key].consensus!.sStar.toFixed(3)
		);
		await expect(row.getByTestId('group-cr')).toHaveText(
			analysis.nodes[key].groupConsistency!.cr.toFixed(3)
		);
		if (label) await expect(row).toContainText(label);
	}
	await expect(page.getByTestId('kendall-w')).toHaveText(analysis.kendall!.w.toFixed(3));
	for (const [i, ind] of indicators.entries()) {
		await expect(
			page.getByTestId('global-weights').locator(`td[data-code="${ind.code}"]`)
		).toHaveText(`${(100 * analysis.globalWeights![i]).toFixed(2)} %`);
	}

	// A demo expert submits in another browser context; the monitor updates without a reload.
	const expertContext = await browser.newContext({ baseURL });
	const ex = await expertContext.newPage();
	await ex.goto('/login');
	await submitSignIn(ex, 'expert01@demo.test');
	await ex.getByRole('link', { name: 'Open the questionnaire' }).click();
	await ex.waitForURL(/\/expert\/rounds\/[^/]+$/);
	const roundUrl = new URL(ex.url()).pathname;
	const nodes = [
		{ key: 'goal', items: pillars.map((p) => p.id) },
		...pillars.map((p) => ({
			key: p.id,
			items: indicators.filter((i) => i.pillar_id === p.id).map((i) => i.id)
		}))
	];
	for (const n of nodes) {
		const judgments = n.items.flatMap((a, i) =>
			n.items.slice(i + 1).map((b) => ({ a, b, position: 0 }))
		);
		const r = await ex.request.post(`${roundUrl}/draft`, { data: { node: n.key, judgments } });
		expect(r.ok()).toBe(true);
	}
	await ex.reload();
	await ex.getByRole('button', { name: 'Submit round 1' }).click();
	await expect(ex.getByText(/You submitted this round on/)).toBeVisible();
	await expect(page.getByTestId('submitted')).toHaveText('25', { timeout: 15_000 });
	await expertContext.close();

	// Reminders reach only those who signed up and have not submitted.
	await page.getByRole('link', { name: 'Panel & invitations' }).click();
	await expect(page.getByText(/Round 1: 7 signed-up experts have not submitted/)).toBeVisible();
	await page.getByRole('button', { name: 'Send reminder to 7 experts' }).click();
	await expect(page.getByRole('status')).toContainText('Reminder queued for 7 experts');
	const sent = (
		own.sql("SELECT to_email FROM outbox WHERE kind = 'reminder' ORDER BY to_email") as {
			to_email: string;
		}[]
	).map((r) => r.to_email);
	expect(sent).toEqual(
		['expert02', 'expert03', 'expert04', 'expert05', 'expert06', 'expert07', 'expert08'].map(
			(e) => `${e}@demo.test`
		)
	);
	await expect(
		page.getByText(/A reminder for this round went out within the last 24 hours/)
	).toBeVisible();

	// Close round 1 (it names who has not submitted), open round 2.
	await page.getByRole('link', { name: 'Rounds' }).click();
	await expect(page.getByText('9 of 34 experts have not submitted')).toBeVisible();
	await page.getByRole('button', { name: 'Close round 1' }).click();
	await expect(page.getByRole('alert')).toContainText('Tick the confirmation');
	await page.getByLabel(/I want to close round 1/).check();
	await page.getByRole('button', { name: 'Close round 1' }).click();
	await expect(page.getByRole('status')).toContainText('Round 1 is closed');
	await page.getByRole('button', { name: 'Open round 2' }).click();
	await expect(page.getByRole('status')).toContainText('Round 2 is open');
	await page.getByRole('link', { name: 'Monitor' }).click();
	// The monitor shows round 2, and its round links mark round 2 as the one shown.
	await expect(page.getByRole('link', { name: 'Round 2', exact: true })).toHaveAttribute(
		'aria-current',
		'true'
	);
	await expect(page.getByRole('link', { name: 'Round 1', exact: true })).toBeVisible();
	await expect(page.getByTestId('submitted')).toHaveText('0');
	const audit = (
		own.sql("SELECT action FROM audit_log WHERE action LIKE 'round.%' ORDER BY id") as {
			action: string;
		}[]
	).map((r) => r.action);
	expect(audit).toEqual(['round.close', 'round.open']);
});

test('bad input on setup and panel pages gets clear messages and changes nothing', async ({
	page,
	loginAs,
	own
}) => {
	await loginAs('coordinator');
	await page.getByRole('link', { name: 'Asia & G20 Smart City Rankings 2023 (demo)' }).click();
	await page.getByRole('link', { name: 'Panel & invitations' }).click();
	const before = own.sql('SELECT count(*) AS n FROM invitations');
	await page.getByLabel('Experts CSV file').setInputFiles({
		name: 'panel.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('name,email\nGood One,good@example.org\nBad,not-an-email\n')
	});
	await page.getByRole('button', { name: 'Import and invite' }).click();
	await expect(page.getByText('Nothing was imported: the file has 1 problem.')).toBeVisible();
	await expect(
		page.getByRole('row', { name: /3 email Enter a valid email address/ })
	).toBeVisible();
	expect(own.sql('SELECT count(*) AS n FROM invitations')).toEqual(before);
	await page.getByLabel('Experts CSV file').setInputFiles({
		name: 'panel.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			'name,email,region\n王芳,wang.fang@example.org,East Asia\nOla Nordmann,ola@example.org,Europe\n'
		)
	});
	await page.getByRole('button', { name: 'Import and invite' }).click();
	await expect(page.getByText('2 experts imported and invited.')).toBeVisible();
	await expect(page.getByRole('row', { name: /wang.fang@example.org/ }).first()).toContainText(
		'王芳'
	);
	// The framework is frozen: round 1 is open.
	await page.getByRole('link', { name: 'Framework & settings' }).click();
	await expect(page.getByText('the framework and the method settings are frozen')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();
});
