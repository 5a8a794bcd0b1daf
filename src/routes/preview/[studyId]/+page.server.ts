import { getDb } from '$lib/server/db';
import { bootstrapPanel, previewData } from '$lib/server/preview';
import { previewAccess } from '$lib/server/preview-access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const { study, settings, roles } = previewAccess(event);
	const db = getDb();
	const data = previewData(db, study.id);
	const roundSources = data.sources.filter((s) => s.key.startsWith('round-'));
	const latest = roundSources.at(-1);
	const bootstrap = latest ? bootstrapPanel(db, study.id, Number(latest.key.slice(6))) : null;
	return {
		...data,
		studyTitle: study.title,
		studyId: study.id,
		aggregation: 'arithmetic' as const,
		bootstrap,
		bootstrapRound: latest?.key ?? null,
		isCoordinator: roles.includes('coordinator'),
		previewForExperts: settings.previewForExperts
	};
};
