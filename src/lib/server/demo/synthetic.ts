/**
 * Synthetic demonstration data: plausible, seeded, NOT measurements. Each city gets a latent
 * development factor (its country's level + its own noise + a size effect); each indicator is a noisy
 * function of it mapped into the indicator's realistic range (shared/domain.md). National indicators
 * (D1, D5, I2, I3, I5) depend on the country alone, so every city of a country shares the value.
 * Every draw is seeded by a label ("concord-demo-2023:CN:T1"), so the data do not depend on order.
 */
import { hashSeed, mulberry32, normal } from '../../random';
import type { FrameworkIndicator } from './framework';

export const SYNTHETIC_SEED = 'concord-demo-2023';
export const SYNTHETIC_LABEL = 'Synthetic demonstration data — not measurements';

/** A rough, invented development level per country (about −1.5 … 1.5) that keeps the demo plausible. */
const COUNTRY_LEVEL: Record<string, number> = {
	SG: 1.5,
	JP: 1.2,
	KR: 1.3,
	HK: 1.3,
	TW: 1.1,
	MO: 0.9,
	CN: 0.8,
	AE: 1.0,
	QA: 0.9,
	IL: 1.0,
	KW: 0.5,
	BH: 0.6,
	OM: 0.3,
	SA: 0.6,
	MY: 0.5,
	TR: 0.3,
	TH: 0.2,
	KZ: 0.1,
	VN: 0.0,
	ID: -0.2,
	PH: -0.4,
	IN: -0.5,
	IR: -0.4,
	JO: -0.2,
	LB: -0.5,
	AZ: -0.3,
	GE: -0.2,
	AM: -0.3,
	UZ: -0.6,
	KG: -0.8,
	MN: -0.6,
	LK: -0.6,
	BN: 0.3,
	IQ: -0.9,
	PK: -1.0,
	BD: -1.0,
	NP: -1.1,
	MM: -1.2,
	KH: -1.1,
	LA: -1.2,
	US: 1.2,
	CA: 1.1,
	GB: 1.2,
	DE: 1.2,
	FR: 1.1,
	IT: 0.8,
	ES: 0.9,
	NL: 1.3,
	BE: 1.0,
	AT: 1.1,
	SE: 1.4,
	FI: 1.4,
	DK: 1.4,
	IE: 1.1,
	LU: 1.2,
	PT: 0.8,
	CZ: 0.8,
	PL: 0.7,
	GR: 0.5,
	HU: 0.6,
	RO: 0.4,
	BG: 0.3,
	HR: 0.5,
	SK: 0.6,
	SI: 0.8,
	EE: 1.1,
	LV: 0.7,
	LT: 0.8,
	MT: 0.8,
	RU: 0.3,
	AU: 1.2,
	BR: -0.1,
	MX: -0.1,
	AR: 0.0,
	ZA: -0.3
};

/** Per indicator: how strongly it follows development, and how much city size matters. */
const LOADING: Record<string, { dev: number; size: number; noise: number }> = {
	T1: { dev: 0.5, size: 0.6, noise: 0.8 },
	T2: { dev: 0.7, size: 0.5, noise: 0.7 },
	T3: { dev: 0.6, size: 0.9, noise: 0.5 },
	T4: { dev: 1.0, size: 0.1, noise: 0.5 },
	T5: { dev: 0.8, size: -0.2, noise: 0.6 },
	D1: { dev: 1.0, size: 0, noise: 0.3 },
	D2: { dev: 0.9, size: 0.2, noise: 0.5 },
	D3: { dev: 0.9, size: 0.3, noise: 0.6 },
	D4: { dev: 0.9, size: 0.2, noise: 0.5 },
	D5: { dev: 1.1, size: 0, noise: 0.2 },
	D6: { dev: 0.6, size: 1.0, noise: 0.5 },
	I1: { dev: 0.9, size: 0.3, noise: 0.5 },
	I2: { dev: 0.7, size: 0, noise: 0.6 },
	I3: { dev: 1.0, size: 0, noise: 0.8 },
	I4: { dev: 0.8, size: 0.3, noise: 0.6 },
	I5: { dev: 1.0, size: 0, noise: 0.3 }
};

/** Share of city-level values left missing, to exercise coverage and renormalisation. */
const MISSING_SHARE = 0.015;

export type SyntheticCity = { id: string; iso2: string; population: number | null };

const logistic = (x: number) => 1 / (1 + Math.exp(-x));

function roundTo(value: number, step: number): number {
	return Math.round(value / step) * step;
}

/** Values per city id per indicator code (null = missing). */
export function generateSyntheticValues(
	cities: readonly SyntheticCity[],
	indicators: readonly FrameworkIndicator[],
	seed = SYNTHETIC_SEED
): Map<string, Record<string, number | null>> {
	const out = new Map<string, Record<string, number | null>>();
	for (const city of cities) {
		const level = COUNTRY_LEVEL[city.iso2] ?? 0;
		const own = normal(mulberry32(hashSeed(`${seed}:${city.id}:latent`)));
		const size = city.population ? (Math.log10(city.population) - 6.3) / 0.6 : 0;
		const row: Record<string, number | null> = {};
		for (const ind of indicators) {
			const load = LOADING[ind.code] ?? { dev: 0.8, size: 0.2, noise: 0.6 };
			const national = ind.isNational;
			const key = national ? `${seed}:${city.iso2}:${ind.code}` : `${seed}:${city.id}:${ind.code}`;
			const rand = mulberry32(hashSeed(key));
			if (!national && rand() < MISSING_SHARE) {
				row[ind.code] = null;
				continue;
			}
			const latent =
				load.dev * (level + (national ? 0 : 0.35 * own)) +
				(national ? 0 : load.size * size) +
				load.noise * normal(rand);
			// Map to the realistic range; a lower-is-better indicator is low where development is high.
			const u = logistic(1.3 * latent * ind.direction);
			let v = ind.rangeMin + (ind.rangeMax - ind.rangeMin) * u;
			if (ind.code === 'I3') v = u > 0.55 ? 1 : u > 0.3 ? 0.5 : 0;
			const span = ind.rangeMax - ind.rangeMin;
			const step = span <= 1 ? 0.001 : span <= 10 ? 0.01 : 0.1;
			row[ind.code] = Number(roundTo(v, step).toFixed(3));
		}
		out.set(city.id, row);
	}
	return out;
}
