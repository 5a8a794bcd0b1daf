import { m } from '$lib/paraglide/messages';

/** The number shown on the scale for a position (A side 9 … 2, 1, B side 2 … 9). */
export const scaleNumber = (p: number) => (p >= 0 ? p + 1 : 1 - p);

const DEGREES: Record<number, () => string> = {
	2: m.degree_2,
	3: m.degree_3,
	4: m.degree_4,
	5: m.degree_5,
	6: m.degree_6,
	7: m.degree_7,
	8: m.degree_8,
	9: m.degree_9
};

/** A judgement in words: "Air quality is strongly more important", "equally important", "No opinion". */
export function describePosition(p: number | null | undefined, a: string, b: string): string {
	if (p === undefined) return m.not_answered();
	if (p === null) return m.no_opinion();
	if (p === 0) return m.equal();
	return m.more_important({ item: p > 0 ? a : b, degree: DEGREES[scaleNumber(p)]() });
}

/** A short form for hints: "A 5", "equally important", "B 3". */
export function shortPosition(p: number | null | undefined, a: string, b: string): string {
	if (p === undefined || p === null) return '—';
	if (p === 0) return m.equal();
	return `${p > 0 ? a : b} ${scaleNumber(p)}`;
}

/** A panel pseudonym as stored ("Expert C", see panelists.ts) in the reader's language ("专家 C"). */
export function pseudonymText(stored: string): string {
	const label = /^Expert ([A-Z]+)$/.exec(stored)?.[1];
	return label ? m.pseudonym({ label }) : stored;
}
