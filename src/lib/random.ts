/**
 * Seeded pseudo-random numbers for reproducible Monte Carlo and synthetic data. Not for secrets
 * (those come from crypto.getRandomValues).
 */

/** mulberry32 (Tommy Ettinger, public domain): a fast 32-bit generator with a 2^32 period. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** FNV-1a 32-bit hash of a string: turns a label such as "demo:CN:T1" into a seed. */
export function hashSeed(label: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < label.length; i++) {
		h ^= label.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** A standard normal draw by Box–Muller from a uniform generator. */
export function normal(random: () => number): number {
	let u = 0;
	while (u === 0) u = random();
	const v = random();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
