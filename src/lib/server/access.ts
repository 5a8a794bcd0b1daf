import type { Role } from './db/schema';

/**
 * Who may open each route. The path gate in hooks.server.ts enforces this on every request (pages,
 * form actions and +server endpoints alike); a route missing from the table is refused, and a unit
 * test fails until it is listed. Each load and action still checks the role again (requireRole).
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

export const ACCESS: Record<string, Access> = {
	'/': 'public',
	'/login': 'public',
	'/logout': 'signed-in',
	'/invite/[token]': 'public',
	'/reset/[token]': 'public',
	'/account': 'signed-in',
	'/expert': ['expert'],
	'/expert/rounds/[roundId]': ['expert'],
	'/expert/rounds/[roundId]/draft': ['expert'],
	'/coordinator': ['coordinator'],
	'/coordinator/new': ['coordinator'],
	'/coordinator/studies/[studyId]': ['coordinator'],
	'/coordinator/studies/[studyId]/panel': ['coordinator'],
	'/coordinator/studies/[studyId]/rounds': ['coordinator'],
	'/coordinator/studies/[studyId]/setup': ['coordinator'],
	'/coordinator/studies/[studyId]/data': ['coordinator'],
	'/coordinator/studies/[studyId]/clusters': ['coordinator'],
	'/coordinator/studies/[studyId]/export/[file]': ['coordinator'],
	'/author': ['author'],
	'/author/editions/[editionId]': ['author'],
	'/author/editions/[editionId]/clusters.csv': ['author'],
	'/editions/[editionId]/appendix': ['author', 'coordinator'],
	'/editions/[editionId]/bundle/[version]': ['author', 'coordinator'],
	'/audit/[studyId]': ['coordinator', 'author'],
	'/audit/[studyId]/export': ['coordinator', 'author'],
	// Experts only where the study enables it (checked per study in the page's load).
	'/preview/[studyId]': ['coordinator', 'author', 'expert'],
	'/preview/[studyId]/xlsx': ['coordinator', 'author', 'expert']
};

export type Verdict = 'allow' | 'sign-in' | 'forbidden' | 'unlisted';

/** The gate's decision for a route id, given who is asking (null = signed out). */
export function decideAccess(routeId: string, roles: readonly Role[] | null): Verdict {
	const rule = ACCESS[routeId];
	if (rule === undefined) return 'unlisted';
	if (rule === 'public') return 'allow';
	if (roles === null) return 'sign-in';
	if (rule === 'signed-in') return 'allow';
	return rule.some((r) => roles.includes(r)) ? 'allow' : 'forbidden';
}

/** Where a signed-in person lands: the home of the first role they hold. */
export function homeFor(roles: readonly Role[]): string {
	if (roles.includes('coordinator')) return '/coordinator';
	if (roles.includes('author')) return '/author';
	if (roles.includes('expert')) return '/expert';
	return '/account';
}
