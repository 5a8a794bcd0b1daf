import { and, desc, eq, like, type SQL } from 'drizzle-orm';
import type { Tx } from './db';
import { auditLog } from './db/schema';

export type AuditEntry = {
	actorId: string | null;
	action: string;
	studyId?: string | null;
	targetType?: string | null;
	targetId?: string | null;
	before?: unknown;
	after?: unknown;
	ip?: string | null;
};

/** Appends one entry. Call it inside the transaction that makes the change, so both land or neither. */
export function appendAudit(tx: Tx, entry: AuditEntry, now = Date.now()): void {
	tx.insert(auditLog)
		.values({
			at: new Date(now),
			actorId: entry.actorId,
			action: entry.action,
			studyId: entry.studyId ?? null,
			targetType: entry.targetType ?? null,
			targetId: entry.targetId ?? null,
			before: entry.before ?? null,
			after: entry.after ?? null,
			ip: entry.ip ?? null
		})
		.run();
}

export function listAudit(
	tx: Tx,
	filter: { studyId?: string; actionPrefix?: string; limit?: number } = {}
) {
	const where: SQL[] = [];
	if (filter.studyId) where.push(eq(auditLog.studyId, filter.studyId));
	if (filter.actionPrefix) where.push(like(auditLog.action, `${filter.actionPrefix}%`));
	return tx
		.select()
		.from(auditLog)
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(auditLog.id))
		.limit(filter.limit ?? 200)
		.all();
}
