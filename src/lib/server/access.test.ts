import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCESS, decideAccess, homeFor } from './access';
import type { Role } from './db/schema';

const ROUTES = join(process.cwd(), 'src/routes');
const ROUTE_FILE = /^\+(page|page\.server|server|layout\.server)\.(svelte|ts|js)$/;

/** Every route id under src/routes that serves something (a page or an endpoint). */
function routeIds(dir = ROUTES): string[] {
	const out = new Set<string>();
	for (const name of readdirSync(dir)) {
		const full = join(dir, name);
		if (statSync(full).isDirectory()) routeIds(full).forEach((r) => out.add(r));
		else if (ROUTE_FILE.test(name) && !name.startsWith('+layout')) {
			const rel = relative(ROUTES, dir).split(sep).join('/');
			out.add('/' + rel);
		}
	}
	return [...out].map((r) => (r === '/' ? '/' : r.replace(/\/$/, ''))).sort();
}

const who: Record<string, Role[] | null> = {
	anonymous: null,
	expert: ['expert'],
	coordinator: ['coordinator'],
	author: ['author']
};

/** What each kind of visitor gets on each route — the declared policy, spelled out. */
const EXPECTED: Record<string, Record<keyof typeof who, 'allow' | 'sign-in' | 'forbidden'>> = {
	'/': { anonymous: 'allow', expert: 'allow', coordinator: 'allow', author: 'allow' },
	'/login': { anonymous: 'allow', expert: 'allow', coordinator: 'allow', author: 'allow' },
	'/logout': { anonymous: 'sign-in', expert: 'allow', coordinator: 'allow', author: 'allow' },
	'/invite/[token]': { anonymous: 'allow', expert: 'allow', coordinator: 'allow', author: 'allow' },
	'/reset/[token]': { anonymous: 'allow', expert: 'allow', coordinator: 'allow', author: 'allow' },
	'/account': { anonymous: 'sign-in', expert: 'allow', coordinator: 'allow', author: 'allow' },
	'/expert/rounds/[roundId]': {
		anonymous: 'sign-in',
		expert: 'allow',
		coordinator: 'forbidden',
		author: 'forbidden'
	},
	'/expert/rounds/[roundId]/draft': {
		anonymous: 'sign-in',
		expert: 'allow',
		coordinator: 'forbidden',
		author: 'forbidden'
	},
	'/expert': {
		anonymous: 'sign-in',
		expert: 'allow',
		coordinator: 'forbidden',
		author: 'forbidden'
	},
	'/coordinator': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'forbidden'
	},
	'/coordinator/studies/[studyId]': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'forbidden'
	},
	'/coordinator/new': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'forbidden'
	},
	'/coordinator/studies/[studyId]/panel': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'forbidden'
	},
	'/coordinator/studies/[studyId]/rounds': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'forbidden'
	},
	'/coordinator/studies/[studyId]/setup': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'forbidden'
	},
	'/coordinator/studies/[studyId]/export/[file]': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'forbidden'
	},
	'/coordinator/studies/[studyId]/data': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'forbidden'
	},
	'/coordinator/studies/[studyId]/clusters': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'forbidden'
	},
	'/preview/[studyId]': {
		anonymous: 'sign-in',
		expert: 'allow',
		coordinator: 'allow',
		author: 'allow'
	},
	'/preview/[studyId]/xlsx': {
		anonymous: 'sign-in',
		expert: 'allow',
		coordinator: 'allow',
		author: 'allow'
	},
	'/author/editions/[editionId]': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'forbidden',
		author: 'allow'
	},
	'/author/editions/[editionId]/clusters.csv': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'forbidden',
		author: 'allow'
	},
	'/editions/[editionId]/appendix': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'allow'
	},
	'/editions/[editionId]/bundle/[version]': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'allow'
	},
	'/audit/[studyId]': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'allow'
	},
	'/audit/[studyId]/export': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'allow',
		author: 'allow'
	},
	'/author': {
		anonymous: 'sign-in',
		expert: 'forbidden',
		coordinator: 'forbidden',
		author: 'allow'
	}
};

describe('route access table', () => {
	const found = routeIds();

	it('finds the routes on disk', () => {
		expect(found.length).toBeGreaterThan(5);
		expect(found).toContain('/login');
	});

	it.each(found)('%s has an entry in ACCESS and in this test’s expectations', (id) => {
		expect(ACCESS[id], `add ${id} to src/lib/server/access.ts`).toBeDefined();
		expect(EXPECTED[id], `add ${id} to EXPECTED in access.test.ts`).toBeDefined();
	});

	it('lists no route that does not exist', () => {
		expect(Object.keys(ACCESS).sort()).toEqual(found);
	});

	it.each(Object.keys(EXPECTED))('%s: every kind of visitor gets the declared verdict', (id) => {
		for (const [name, roles] of Object.entries(who)) {
			expect(decideAccess(id, roles), `${name} on ${id}`).toBe(EXPECTED[id][name]);
		}
	});

	it('refuses a route missing from the table', () => {
		expect(decideAccess('/secret', ['coordinator'])).toBe('unlisted');
	});

	it('a person with several roles gets each role’s pages', () => {
		expect(decideAccess('/author', ['expert', 'author'])).toBe('allow');
		expect(decideAccess('/expert', ['expert', 'author'])).toBe('allow');
		expect(homeFor(['expert', 'author'])).toBe('/author');
		expect(homeFor([])).toBe('/account');
	});
});

describe('the second wall: every gated route checks again', () => {
	// Signing out needs no role: it ends whatever session the request carries.
	it.each(routeIds().filter((id) => ACCESS[id] !== 'public' && id !== '/logout'))(
		'%s: its server code calls an authorisation function from guards.ts',
		(id) => {
			const dir = join(ROUTES, ...id.split('/').filter(Boolean));
			const code = readdirSync(dir)
				.filter((f) => f === '+page.server.ts' || f === '+server.ts')
				.map((f) => readFileSync(join(dir, f), 'utf8'))
				.join('\n');
			// Pages without server code of their own (none at present) would have nothing to check.
			if (!code) return;
			expect(code, `${id} must check the role in its load and actions`).toMatch(
				/require(User|Role|StudyRole|Coordinator|StudyMember|EditionMember|PreviewAccess)\(|expertContext\(/
			);
		}
	);
});
