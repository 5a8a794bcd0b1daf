import { m } from '$lib/paraglide/messages';
import type { readFramework } from '$lib/server/framework';

export type Framework = ReturnType<typeof readFramework>;
export type Pillar = Framework['pillars'][number];
export type Indicator = Pillar['indicators'][number];
/** The two directions of an indicator, in the reader's language (made per render). */
export const directions = () =>
	[
		{ value: 1, label: m.staff_higher_better() },
		{ value: -1, label: m.staff_lower_better() }
	] as const;
