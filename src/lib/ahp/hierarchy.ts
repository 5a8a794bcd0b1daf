/**
 * Global weights by distributive synthesis: global = pillar weight × local weight, in the order of the
 * pillars and, inside each, of its items. Intermediate vectors are never rounded.
 * @example globalWeights([0.5, 0.5], [[0.6, 0.4], [1]]) // [0.3, 0.2, 0.5]
 */
export function globalWeights(
	pillarWeights: readonly number[],
	localWeights: readonly (readonly number[])[]
): number[] {
	if (pillarWeights.length !== localWeights.length) {
		throw new Error(
			`one local weight vector per pillar is needed: ${pillarWeights.length} pillar weights, ${localWeights.length} local vectors`
		);
	}
	const out: number[] = [];
	pillarWeights.forEach((p, k) => {
		if (typeof p !== 'number' || !Number.isFinite(p) || p < 0)
			throw new Error(`pillar weights must be finite and non-negative, got ${String(p)} at ${k}`);
		if (localWeights[k].length === 0) throw new Error(`pillar ${k} has no local weights`);
		for (const l of localWeights[k]) {
			if (typeof l !== 'number' || !Number.isFinite(l) || l < 0)
				throw new Error(
					`local weights must be finite and non-negative, got ${String(l)} in pillar ${k}`
				);
			out.push(p * l);
		}
	});
	return out;
}
