import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, desc, eq } from 'drizzle-orm';
import type { Tx } from './db';
import { datasets } from './db/schema';

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
