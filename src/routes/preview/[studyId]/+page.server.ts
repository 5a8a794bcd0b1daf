import { getDb } from '$lib/server/db';
import { offLoop } from '$lib/server/off-loop';
import { requirePreviewAccess } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { study, settings, roles } = requirePreviewAccess(getDb(), event);
	const staff = roles.includes('coordinator') || roles.includes('author');
	return {
		...(await offLoop({
			read: 'preview',
			studyId: study.id,
			staff,
			minGroupSize: settings.minGroupSize
		})),
		studyTitle: study.title,
		studyTitleZh: study.titleZh,
		studyId: study.id,
		aggregation: 'arithmetic' as const,
		isCoordinator: roles.includes('coordinator'),
		previewForExperts: settings.previewForExperts
	};
};
