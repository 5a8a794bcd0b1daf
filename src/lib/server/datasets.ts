import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq, notExists } from 'drizzle-orm';
import { appendAudit } from './audit';
import type { DB, Tx } from './db';
import { knownCityIds } from './city-groups';
import { datasets, datasetValues, editions, weightSets } from './db/schema';
import { frameworkRows } from './studies';
import { generateId } from './tokens';

/**
 * The canonical CSV of a dataset's values: header `city_id,<codes in the given order>`, rows sorted by
 * city id, numbers in JavaScript's shortest round-trip form, empty for missing, '\n' line ends. Its
 * sha256 is the dataset's content hash: the same values always give the same hash.
 */
export function canonicalDatasetCsv(
	codes: readonly string[],
	values: ReadonlyMap<string, Readonly<Record<string, number | null>>>
): string {
	const ids = [...values.keys()].sort();
	const lines = [['city_id', ...codes].join(',')];
	for (const id of ids) {
		const row = values.get(id)!;
		lines.push(
			[
				id,
				...codes.map((c) => (row[c] === null || row[c] === undefined ? '' : String(row[c])))
			].join(',')
		);
	}
	return lines.join('\n') + '\n';
}

export function datasetContentHash(
	codes: readonly string[],
	values: ReadonlyMap<string, Readonly<Record<string, number | null>>>
): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(canonicalDatasetCsv(codes, values))));
}

export function listDatasets(tx: Tx, studyId: string) {
	return tx
		.select()
		.from(datasets)
		.where(eq(datasets.studyId, studyId))
		.orderBy(desc(datasets.createdAt))
		.all();
}

export function getLatestDataset(tx: Tx, studyId: string, name: string) {
	return (
		tx
			.select()
			.from(datasets)
			.where(and(eq(datasets.studyId, studyId), eq(datasets.name, name)))
			.orderBy(desc(datasets.version))
			.get() ?? null
	);
}

/**
 * Imports a validated dataset as a new version of the study's dataset; the editions not yet locked use it
 * from then on (a locked edition keeps the version it was locked with).
 */
export function importDataset(
	db: DB,
	o: {
		studyId: string;
		actorId: string;
		codes: readonly string[];
		values: ReadonlyMap<string, Readonly<Record<string, number | null>>>;
		source: string;
	},
	now = Date.now()
) {
	return db.transaction((tx) => {
		const prev =
			tx
				.select()
				.from(datasets)
				.where(eq(datasets.studyId, o.studyId))
				.orderBy(desc(datasets.version))
				.get() ?? null;
		const id = generateId();
		const contentHash = datasetContentHash(o.codes, o.values);
		const name = prev?.name.replace(/ \(synthetic\)$/, '') ?? 'Indicator values';
		tx.insert(datasets)
			.values({
				id,
				studyId: o.studyId,
				name,
				version: (prev?.version ?? 0) + 1,
				contentHash,
				isSynthetic: false,
				source: o.source,
				createdBy: o.actorId,
				createdAt: new Date(now)
			})
			.run();
		const rows = [...o.values].flatMap(([cityId, r]) =>
			o.codes.map((code) => ({
				datasetId: id,
				cityId,
				indicatorCode: code,
				value: r[code] ?? null
			}))
		);
		for (let i = 0; i < rows.length; i += 500)
			tx.insert(datasetValues)
				.values(rows.slice(i, i + 500))
				.run();
		tx.update(editions)
			.set({ datasetId: id })
			.where(
				and(
					eq(editions.studyId, o.studyId),
					notExists(
						tx
							.select({ one: weightSets.id })
							.from(weightSets)
							.where(eq(weightSets.editionId, editions.id))
					)
				)
			)
			.run();
		appendAudit(
			tx,
			{
				actorId: o.actorId,
				action: 'dataset.import',
				studyId: o.studyId,
				targetType: 'dataset',
				targetId: id,
				before: prev ? { version: prev.version, contentHash: prev.contentHash } : null,
				after: {
					version: (prev?.version ?? 0) + 1,
					contentHash,
					cities: o.values.size,
					source: o.source
				}
			},
			now
		);
		return { id, version: (prev?.version ?? 0) + 1, contentHash };
	});
}

/** What an imported dataset is checked against: the known city ids and the study's indicators. */
export function datasetShape(tx: Tx, studyId: string) {
	const { is } = frameworkRows(tx, studyId);
	return {
		cityIds: knownCityIds(tx),
		indicators: is.map((i) => ({ code: i.code, rangeMin: i.rangeMin, rangeMax: i.rangeMax }))
	};
}
