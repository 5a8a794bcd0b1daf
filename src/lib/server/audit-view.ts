import { and, desc, eq, gte, isNull, like, lte, or, type SQL } from 'drizzle-orm';
import Papa from 'papaparse';
import { isCalendarDate } from '../schemas/form-values';
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

/** A filter day, or undefined when it is not a real calendar date (2099-02-30 is not). */
function filterDay(s: string | null, end: boolean): Date | undefined {
	if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
	if (!isCalendarDate(+s.slice(0, 4), +s.slice(5, 7), +s.slice(8))) return undefined;
	return new Date(`${s}T${end ? '23:59:59.999' : '00:00:00'}Z`);
}

/** The audit page's and export's filter from the query string (?group=&from=&to=). */
export function auditFilterFrom(q: URLSearchParams): AuditFilter {
	return {
		group: q.get('group') || undefined,
		from: filterDay(q.get('from'), false),
		to: filterDay(q.get('to'), true)
	};
}

/**
 * A study's audit trail, newest first: that study's events only. Account-level events (sign-in
 * blocks, resets by the operator, password and profile changes) belong to no study: they are on the
 * person's own account page (`accountAudit` with their id) and in `npm run audit -- --accounts`.
 */
export function studyAudit(tx: Tx, studyId: string, f: AuditFilter = {}) {
	return auditRows(tx, [eq(auditLog.studyId, studyId)], f);
}

/**
 * Account-level events (no study), newest first; with `user`, only those about that person — their
 * own actions, actions on their account, and sign-in blocks of their email.
 */
export function accountAudit(
	tx: Tx,
	f: AuditFilter & { user?: { id: string; email: string } } = {}
) {
	const where: SQL[] = [isNull(auditLog.studyId)];
	if (f.user)
		where.push(
			or(
				eq(auditLog.actorId, f.user.id),
				and(eq(auditLog.targetType, 'user'), eq(auditLog.targetId, f.user.id)),
				and(eq(auditLog.targetType, 'account'), eq(auditLog.targetId, f.user.email))
			)!
		);
	return auditRows(tx, where, f);
}

function auditRows(tx: Tx, base: SQL[], f: AuditFilter) {
	const where = [...base];
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

export function auditCsv(rows: ReturnType<typeof auditRows>): string {
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
