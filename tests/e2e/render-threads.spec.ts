import { request as pwRequest } from '@playwright/test';
import { ACCOUNTS, DEMO_PASSWORD, expect, startServer, test } from './fixtures';

type Server = Awaited<ReturnType<typeof startServer>>;

/**
 * What a server answers to a set of reads — status, the headers that matter, the gist of the body —
 * with everything that differs between two demo databases (ids, nonces) left out.
 */
async function observe(s: Server) {
	const api = await pwRequest.newContext({ baseURL: s.baseURL });
	const [{ id: study }] = s.sql('SELECT id FROM studies WHERE is_demo = 1') as { id: string }[];
	const seen: Record<string, unknown> = {};
	const look = async (name: string, path: string, method: 'GET' | 'HEAD' = 'GET') => {
		const r = await api.fetch(path, { method, maxRedirects: 0 });
		const h = r.headers();
		const type = h['content-type'] ?? '';
		const body = await r.body();
		seen[name] = {
			status: r.status(),
			type,
			location: h['location']?.replaceAll(study, '<study>'),
			disposition: h['content-disposition'],
			frameOptions: h['x-frame-options'],
			csp: Boolean(h['content-security-policy']),
			cookies: r
				.headersArray()
				.filter((x) => x.name.toLowerCase() === 'set-cookie')
				.map((x) => x.value.split('=')[0])
				.sort(),
			body: type.startsWith('text/html')
				? (body.toString().match(/<title>([^<]*)<\/title>/)?.[1] ?? '')
				: type.startsWith('application/json')
					? JSON.parse(body.toString()).type
					: type.includes('spreadsheet')
						? body.subarray(0, 2).toString() // a zip: "PK"
						: type.startsWith('text/csv')
							? body.toString().split('\n')[0]
							: body.length
		};
	};
	await look('sign-in page', '/login');
	await look('sign-in page, HEAD', '/login', 'HEAD');
	await look('a staff page, signed out', '/coordinator');
	await look('its data, signed out', '/coordinator/__data.json?x-sveltekit-invalidated=01');
	await look('no such page', '/no-such-page');
	const signedIn = await api.post('/login', {
		form: { email: ACCOUNTS.coordinator, password: DEMO_PASSWORD },
		headers: { origin: s.baseURL, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(signedIn.status()).toBe(303);
	await look('the monitor', `/coordinator/studies/${study}`);
	await look(
		'its live refresh',
		`/coordinator/studies/${study}/__data.json?x-sveltekit-invalidated=001`
	);
	await look('an expert page, as the coordinator', '/expert');
	await look('the round workbook', `/coordinator/studies/${study}/export/round-1.xlsx`);
	await look('the clusters file', `/coordinator/studies/${study}/export/groups.csv`);
	await api.dispose();
	return seen;
}

test('reads are answered by a render thread exactly as the main thread answers them', async ({
	server
}, testInfo) => {
	test.setTimeout(90_000);
	// The worker's server renders in a thread (one per core beside the main one, at least one).
	await expect.poll(server.log, { timeout: 20_000 }).toMatch(/render thread 1 of \d+ ready/);
	const inline = await startServer(4500 + testInfo.workerIndex, `inline-${testInfo.workerIndex}`, {
		CONCORD_RENDER_THREADS: '0'
	});
	try {
		const [threaded, alone] = await Promise.all([observe(server), observe(inline)]);
		expect(inline.log()).not.toMatch(/render thread/);
		// Sanity: the observation sees what it should (a redirect, a refusal, a download, a cookie).
		expect(threaded['a staff page, signed out']).toMatchObject({
			status: 303,
			location: '/login?next=%2Fcoordinator'
		});
		expect(threaded['an expert page, as the coordinator']).toMatchObject({ status: 403 });
		expect(threaded['the round workbook']).toMatchObject({ status: 200, body: 'PK' });
		expect(threaded['the monitor']).toMatchObject({ status: 200, frameOptions: 'DENY', csp: true });
		expect(threaded['sign-in page, HEAD']).toMatchObject({ status: 200, body: '' });
		expect(threaded).toEqual(alone);
	} finally {
		await inline.stop();
	}
});
