import { and, asc, eq } from 'drizzle-orm';
import type { Tx } from './db';
import { panelists } from './db/schema';
import { generateId } from './tokens';

/** "Expert A" … "Expert Z", "Expert AA" … — the n-th (0-based) pseudonym of a panel. */
export function pseudonymFor(index: number): string {
	let n = index;
	let label = '';
	do {
		label = String.fromCharCode(65 + (n % 26)) + label;
		n = Math.floor(n / 26) - 1;
	} while (n >= 0);
	return `Expert ${label}`;
}

export function listPanelists(tx: Tx, studyId: string) {
	return tx
		.select()
		.from(panelists)
		.where(eq(panelists.studyId, studyId))
		.orderBy(asc(panelists.createdAt), asc(panelists.pseudonym))
		.all();
}

export function getPanelistByEmail(tx: Tx, studyId: string, email: string) {
	return (
		tx
			.select()
			.from(panelists)
			.where(and(eq(panelists.studyId, studyId), eq(panelists.email, email)))
			.get() ?? null
	);
}

export function getPanelistForUser(tx: Tx, studyId: string, userId: string) {
	return (
		tx
			.select()
			.from(panelists)
			.where(and(eq(panelists.studyId, studyId), eq(panelists.userId, userId)))
			.get() ?? null
	);
}

export type NewPanelist = {
	name: string;
	email: string;
	affiliation?: string;
	region?: string;
	expertise?: string;
	userId?: string | null;
};

/** Adds an expert seat with the next free pseudonym (stable: pseudonyms are never reused). */
export function addPanelist(tx: Tx, studyId: string, p: NewPanelist) {
	const taken = new Set(
		tx
			.select({ p: panelists.pseudonym })
			.from(panelists)
			.where(eq(panelists.studyId, studyId))
			.all()
			.map((r) => r.p)
	);
	let i = 0;
	while (taken.has(pseudonymFor(i))) i++;
	const row = {
		id: generateId(),
		studyId,
		userId: p.userId ?? null,
		name: p.name,
		email: p.email,
		affiliation: p.affiliation ?? '',
		region: p.region ?? '',
		expertise: p.expertise ?? '',
		pseudonym: pseudonymFor(i),
		state: p.userId ? ('active' as const) : ('invited' as const)
	};
	tx.insert(panelists).values(row).run();
	return row;
}

/** The emails already seated on a study's panel (lower-case). */
export function seatedEmails(tx: Tx, studyId: string): Set<string> {
	return new Set(
		tx
			.select({ email: panelists.email })
			.from(panelists)
			.where(eq(panelists.studyId, studyId))
			.all()
			.map((p) => p.email)
	);
}

export function getPanelist(tx: Tx, panelistId: string) {
	return tx.select().from(panelists).where(eq(panelists.id, panelistId)).get() ?? null;
}
