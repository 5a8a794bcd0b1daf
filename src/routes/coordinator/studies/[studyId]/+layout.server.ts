import { requireCoordinator } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

// The sub-navigation's data. Every page and action below checks the role again on its own.
export const load: LayoutServerLoad = (event) => {
	const { study } = requireCoordinator(event);
	return {
		studyNav: {
			id: study.id,
			title: study.title,
			titleZh: study.titleZh,
			isDemo: study.isDemo,
			frozen: study.frozenAt !== null
		}
	};
};
