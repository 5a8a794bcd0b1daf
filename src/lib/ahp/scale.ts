/**
 * Saaty's 1–9 scale as the 17-point bipolar scale experts answer on (A 9 … 2, 1, 2 … 9 B).
 * Position s ∈ {−8 … 8}: positive favours A (a_AB = 1 + s), negative favours B (a_AB = 1/(1 − s)).
 */
export const SCALE_MAX = 9;
export const SCALE_POSITIONS = [-8, -7, -6, -5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8] as const;

/** Verbal meaning of the odd scale values (Saaty 1980); even values lie between. */
export const SCALE_LABELS: Record<number, string> = {
	1: 'equal importance',
	2: 'equal to moderate',
	3: 'moderate importance',
	4: 'moderate to strong',
	5: 'strong importance',
	6: 'strong to very strong',
	7: 'very strong importance',
	8: 'very strong to extreme',
	9: 'extreme importance'
};

export function positionToValue(position: number): number {
	if (!Number.isInteger(position) || position < -8 || position > 8) {
		throw new Error(`scale position must be an integer from −8 to 8, got ${position}`);
	}
	return position >= 0 ? 1 + position : 1 / (1 - position);
}

/** ln of each scale point's value, computed once (valueToPosition runs for every answer of a round). */
const SCALE_LOGS = SCALE_POSITIONS.map((p) => Math.log(positionToValue(p)));
const POSITION_OF_VALUE = new Map<number, number>(
	SCALE_POSITIONS.map((p) => [positionToValue(p), p])
);

/** The nearest scale position to a judgement, nearest on a log scale (ties go towards equality). */
export function valueToPosition(value: number): number {
	if (!Number.isFinite(value) || value <= 0)
		throw new Error(`judgement must be a positive number, got ${value}`);
	// An answer on the scale (the common case: every expert judgement) is its own point.
	const exact = POSITION_OF_VALUE.get(value);
	if (exact !== undefined) return exact;
	const target = Math.log(value);
	let best = 0;
	let bestDist = Math.abs(target);
	for (let q = 0; q < SCALE_POSITIONS.length; q++) {
		const p = SCALE_POSITIONS[q];
		const d = Math.abs(SCALE_LOGS[q] - target);
		if (d < bestDist - 1e-12) {
			best = p;
			bestDist = d;
		}
	}
	return best;
}

/** A value snapped to the nearest point of the 17-point scale (on a log scale). */
export function snapToScale(value: number): number {
	return positionToValue(valueToPosition(value));
}
