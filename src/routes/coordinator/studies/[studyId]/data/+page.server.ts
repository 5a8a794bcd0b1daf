import { plural } from '$lib/words';
import { m } from '$lib/paraglide/messages';
import { getDb } from '$lib/server/db';
import { datasetShape, importDataset } from '$lib/server/datasets';
import { requireCoordinator } from '$lib/server/guards';
import { latestDataset } from '$lib/server/preview';
import { parseDatasetCsv } from '$lib/schemas/dataset';
import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

const MAX_BYTES = 4 * 1024 * 1024;

export const load: PageServerLoad = (event) => {
	const { study } = requireCoordinator(event);
	const d = latestDataset(getDb(), study.id);
	return { dataset: d ? { name: d.name, version: d.version, contentHash: d.contentHash, isSynthetic: d.isSynthetic, source: d.source, createdAt: d.createdAt } : null };
};

async function readCsv(event: RequestEvent<{ studyId: string }>) {
	const form = await event.request.formData();
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_BYTES) return { error: m.staff_err_larger_4mb() };
		return { text: await file.text(), name: file.name };
	}
	const text = form.get('csv');
	if (typeof text === 'string' && text.length > 0 && text.length <= MAX_BYTES) return { text, name: String(form.get('name') ?? 'upload.csv') };
	return { error: m.staff_err_choose_csv() };
}

export const actions: Actions = {
	/** Step 1: validate and show a preview; nothing is written. */
	check: async (event) => {
		const { study } = requireCoordinator(event);
		const csv = await readCsv(event);
		if ('error' in csv) return fail(400, { action: 'check', message: csv.error });
		const k = datasetShape(getDb(), study.id);
		const r = parseDatasetCsv(csv.text, k);
		if (r.problems.length) return fail(400, { action: 'check', message: plural(m.staff_err_data_problems_one, m.staff_err_data_problems_other, { n: r.problems.length }), problems: r.problems.slice(0, 200) });
		const missing = [...r.values.values()].reduce((n, row) => n + Object.values(row).filter((v) => v === null).length, 0);
		return { action: 'check', preview: { name: csv.name, cities: r.values.size, indicators: k.indicators.length, missing, sample: [...r.values].slice(0, 5).map(([id, row]) => ({ id, row })) }, csv: csv.text };
	},
	/** Step 2: the same file again (sent back by the preview), imported as a new version. */
	commit: async (event) => {
		const { user, study } = requireCoordinator(event);
		const csv = await readCsv(event);
		if ('error' in csv) return fail(400, { action: 'commit', message: csv.error });
		const k = datasetShape(getDb(), study.id);
		const r = parseDatasetCsv(csv.text, k);
		if (r.problems.length) return fail(400, { action: 'commit', message: m.staff_err_nothing_imported(), problems: r.problems.slice(0, 200) });
		const out = importDataset(getDb(), { studyId: study.id, actorId: user.id, codes: k.indicators.map((i) => i.code), values: r.values, source: `CSV import: ${csv.name}` });
		return { action: 'commit', imported: out };
	}
};
