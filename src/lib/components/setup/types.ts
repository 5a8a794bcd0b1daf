import type { readFramework } from '$lib/server/framework';

export type Framework = ReturnType<typeof readFramework>;
export type Pillar = Framework['pillars'][number];
export type Indicator = Pillar['indicators'][number];
export const DIRECTIONS = [
	{ value: 1, label: 'higher is better' },
	{ value: -1, label: 'lower is better' }
] as const;
