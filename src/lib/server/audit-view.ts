import { and, desc, eq, gte, isNull, like, lte, or, type SQL } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Tx } from './db';
import { auditLog, users } from './db/schema';

export const AUDIT_GROUPS = [
	'invitation',
	'auth',
	'account',
	'password_reset',
	'round',
	'response',
	'reminder',
	'panel',
	'settings',
	'framework',
	'study',
	'comment',
	'dataset',
	'edition',
	'weights',
	'export',
	'demo'
] as const;

export type AuditFilter = { group?: string; from?: Date; to?: Date; limit?: number };

/**
 * A study's audit trail, newest first: its own entries, plus the sign-in blocks (which belong to no
 * study) so that repeated failed sign-ins are visible to those responsible for the panel.
 */
export function studyAudit(tx: Tx, studyId: string, f: AuditFilter = {}) {
	const where: SQL[] = [
		or(
			eq(auditLog.studyId, studyId),
			and(isNull(auditLog.studyId), like(auditLog.action, 'auth.%'))
		)!
	];
	if (f.group && (AUDIT_GROUPS as readonly string[]).includes(f.group))
		where.push(like(auditLog.action, `${f.group}.%`));
	if (f.from) where.push(gte(auditLog.at, f.from));
	if (f.to) where.push(lte(auditLog.at, f.to));
	return tx
		.select({
			id: auditLog.id,
			at: auditLog.at,
			action: auditLog.action,
			actor: users.name,
			targetType: auditLog.targetType,
			targetId: auditLog.targetId,
			before: auditLog.before,
			after: auditLog.after,
			ip: auditLog.ip
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(and(...where))
		.orderBy(desc(auditLog.id))
		.limit(f.limit ?? 500)
		.all();
}

export function auditCsv(rows: ReturnType<typeof studyAudit>): string {
	return (
		'\uFEFF' +
		Papa.unparse(
			{
				fields: ['id', 'at', 'action', 'actor', 'target_type', 'target_id', 'before', 'after'],
				data: rows.map((r) => [
					r.id,
					r.at.toISOString(),
					r.action,
					r.actor ?? '',
					r.targetType ?? '',
					r.targetId ?? '',
					r.before === null ? '' : JSON.stringify(r.before),
					r.after === null ? '' : JSON.stringify(r.after)
				])
			},
			{ newline: '\r\n' }
		)
	);
}
