/**
 * A study's city groups (clusters), versioned like datasets: every save is a new, final version with
 * the SHA-256 of its canonical content; the latest version is the one pages and new locks use, and a
 * lock copies its version into the bundle (so a locked edition keeps the groups it was locked with).
 */
import { desc, eq } from 'drizzle-orm';
import { canonicalGroups, canonicalJson, cityGroupsSchema, groupsHash } from '../edition/bundle';
import type { z } from 'zod';
import type { CityGroup } from '../scoring/groups';
import { appendAudit } from './audit';
import type { DB, Tx } from './db';
import { cities, cityGroupSets } from './db/schema';
import { generateId } from './tokens';

export type GroupSet = {
	id: string;
	version: number;
	contentHash: string;
	source: string;
	createdAt: Date;
	groups: z.infer<typeof cityGroupsSchema>;
};

export function latestGroupSet(tx: Tx, studyId: string): GroupSet | null {
	const row = tx
		.select()
		.from(cityGroupSets)
		.where(eq(cityGroupSets.studyId, studyId))
		.orderBy(desc(cityGroupSets.version))
		.get();
	if (!row) return null;
	return {
		id: row.id,
		version: row.version,
		contentHash: row.contentHash,
		source: row.source,
		createdAt: row.createdAt,
		groups: cityGroupsSchema.parse(JSON.parse(row.content))
	};
}

/**
 * Saves the groups as the study's next version (in one transaction, audited), unless they equal the
 * latest version — then nothing is written and that version is returned. Unknown cities are refused.
 */
/** The ids of every city in the universe: what an imported or edited city list is checked against. */
export function knownCityIds(tx: Tx): Set<string> {
	return new Set(
		tx
			.select({ id: cities.id })
			.from(cities)
			.all()
			.map((c) => c.id)
	);
}

export function saveGroupSet(
	db: DB,
	o: { studyId: string; actorId: string | null; groups: readonly CityGroup[]; source: string },
	now = Date.now()
): { version: number; contentHash: string; unchanged: boolean } {
	const groups = canonicalGroups(cityGroupsSchema.parse(o.groups));
	const codes = new Set(groups.map((g) => g.code));
	if (codes.size !== groups.length) throw new Error('two groups share a code');
	return db.transaction((tx) => {
		const known = knownCityIds(tx);
		for (const g of groups)
			for (const id of g.cityIds)
				if (!known.has(id)) throw new Error(`unknown city id ${id} in group ${g.code}`);
		const contentHash = groupsHash(groups);
		const prev = latestGroupSet(tx, o.studyId);
		if (prev?.contentHash === contentHash)
			return { version: prev.version, contentHash, unchanged: true };
		const version = (prev?.version ?? 0) + 1;
		const id = generateId();
		tx.insert(cityGroupSets)
			.values({
				id,
				studyId: o.studyId,
				version,
				content: canonicalJson(groups),
				contentHash,
				source: o.source.slice(0, 500),
				createdBy: o.actorId,
				createdAt: new Date(now)
			})
			.run();
		appendAudit(
			tx,
			{
				actorId: o.actorId,
				action: 'groups.save',
				studyId: o.studyId,
				targetType: 'city_group_set',
				targetId: id,
				before: prev ? { version: prev.version, contentHash: prev.contentHash } : null,
				after: { version, contentHash, groups: groups.length, source: o.source.slice(0, 500) }
			},
			now
		);
		return { version, contentHash, unchanged: false };
	});
}
