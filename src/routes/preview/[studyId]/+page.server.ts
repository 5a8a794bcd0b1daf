import { getDb } from '$lib/server/db';
import { previewFor } from '$lib/server/preview';
import { requirePreviewAccess } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { study, settings, roles } = requirePreviewAccess(getDb(), event);
	const staff = roles.includes('coordinator') || roles.includes('author');
	return {
		...previewFor(getDb(), study, { staff, minGroupSize: settings.minGroupSize }),
		studyTitle: study.title,
		studyId: study.id,
		aggregation: 'arithmetic' as const,
		isCoordinator: roles.includes('coordinator'),
		previewForExperts: settings.previewForExperts
	};
};
