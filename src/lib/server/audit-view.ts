import { and, desc, eq, gte, inArray, isNull, like, lte, ne, or, type SQL } from 'drizzle-orm';
import Papa from 'papaparse';
import { isCalendarDate } from '../schemas/form-values';
import { pseudonymText } from '../expert/words';
import { m } from '../paraglide/messages';
import type { Tx } from './db';
import {
	auditLog,
	comments,
	editions,
	memberships,
	panelists,
	responses,
	rounds,
	users
} from './db/schema';

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

/** What each kind of entry means, in words. */
export const ACTION_WORDS: Record<string, () => string> = {
	'study.create': m.staff_audit_study_create,
	'study.texts': m.staff_audit_study_texts,
	'demo.seed': m.staff_audit_demo_seed,
	'framework.replace': m.staff_audit_framework_replace,
	'settings.update': m.staff_audit_settings_update,
	'invitation.create': m.staff_audit_invitation_create,
	'invitation.revoke': m.staff_audit_invitation_revoke,
	'invitation.accept': m.staff_audit_invitation_accept,
	'password_reset.create': m.staff_audit_password_reset_create,
	'password_reset.use': m.staff_audit_password_reset_use,
	'round.draft': m.staff_audit_round_draft,
	'round.open': m.staff_audit_round_open,
	'round.close': m.staff_audit_round_close,
	'round.deadline': m.staff_audit_round_deadline,
	'response.submit': m.staff_audit_response_submit,
	'response.reopen': m.staff_audit_response_reopen,
	'reminder.send': m.staff_audit_reminder_send,
	'panel.exclude': m.staff_audit_panel_exclude,
	'panel.include': m.staff_audit_panel_include,
	'panel.weight': m.staff_audit_panel_weight,
	'comment.hide': m.staff_audit_comment_hide,
	'comment.unhide': m.staff_audit_comment_unhide,
	'dataset.import': m.staff_audit_dataset_import,
	'groups.save': m.staff_audit_groups_save,
	'study.scoring': m.staff_audit_study_scoring,
	'edition.create': m.staff_audit_edition_create,
	'weights.lock': m.staff_audit_weights_lock,
	'weights.supersede': m.staff_audit_weights_supersede,
	'export.download': m.staff_audit_export_download
};

export type ReadableAuditRow = {
	id: number;
	at: Date;
	action: string;
	what: string;
	/** The thing acted on, named as this viewer may see it (an expert by pseudonym, a round by number). */
	target: string;
	/** Who acted: staff by name; an expert by pseudonym unless the viewer may see identities. */
	actor: string;
	changes: { field: string; before: string; after: string }[];
};

const text = (v: unknown): string =>
	v === null || v === undefined
		? '—'
		: typeof v === 'string'
			? /^\d{4}-\d{2}-\d{2}T/.test(v)
				? v.slice(0, 16).replace('T', ' ')
				: v
			: Array.isArray(v)
				? v.map(text).join(', ') || '—'
				: typeof v === 'object'
					? Object.entries(v as object)
							.map(([k, x]) => `${k}: ${text(x)}`)
							.join('; ')
					: String(v);

/**
 * A study's audit rows as a record a person can read: what happened in words, the target by
 * pseudonym, round number or edition title, before → after field by field. Who may see identities:
 * coordinators (they run the panel); authors see experts by pseudonym only.
 */
export function readableAudit(
	tx: Tx,
	studyId: string,
	rows: ReturnType<typeof studyAudit>,
	viewer: { seesIdentities: boolean }
): ReadableAuditRow[] {
	const seats = tx.select().from(panelists).where(eq(panelists.studyId, studyId)).all();
	const seatById = new Map(seats.map((s) => [s.id, s]));
	const seatByUser = new Map(seats.filter((s) => s.userId).map((s) => [s.userId!, s]));
	const staff = new Set(
		tx
			.select({ u: memberships.userId })
			.from(memberships)
			.where(and(eq(memberships.studyId, studyId), ne(memberships.role, 'expert')))
			.all()
			.map((m) => m.u)
	);
	const roundNo = new Map(
		tx
			.select({ id: rounds.id, n: rounds.number })
			.from(rounds)
			.where(eq(rounds.studyId, studyId))
			.all()
			.map((r) => [r.id, r.n])
	);
	const editionTitle = new Map(
		tx
			.select({ id: editions.id, t: editions.title })
			.from(editions)
			.where(eq(editions.studyId, studyId))
			.all()
			.map((e) => [e.id, e.t])
	);
	const seatName = (s: { pseudonym: string; name: string }) =>
		viewer.seesIdentities
			? `${pseudonymText(s.pseudonym)} (${s.name})`
			: pseudonymText(s.pseudonym);
	const responseOf = (id: string) =>
		tx
			.select({ round: responses.roundId, seat: responses.panelistId })
			.from(responses)
			.where(eq(responses.id, id))
			.get();
	const commentOf = (id: string) =>
		tx.select({ r: comments.responseId }).from(comments).where(eq(comments.id, id)).get();
	const target = (r: (typeof rows)[number]): string => {
		const id = r.targetId ?? '';
		switch (r.targetType) {
			case 'panelist': {
				const s = seatById.get(id);
				return s ? seatName(s) : m.staff_audit_an_expert();
			}
			case 'round':
				return roundNo.has(id) ? m.staff_round_n({ n: roundNo.get(id)! }) : m.staff_audit_a_round();
			case 'edition':
				return editionTitle.get(id) ?? m.staff_audit_an_edition();
			case 'response': {
				const x = responseOf(id);
				const s = x ? seatById.get(x.seat) : undefined;
				return x && s
					? m.staff_audit_response_of({ round: roundNo.get(x.round)!, who: seatName(s) })
					: m.staff_audit_a_response();
			}
			case 'comment': {
				const c = commentOf(id);
				const x = c ? responseOf(c.r) : undefined;
				const s = x ? seatById.get(x.seat) : undefined;
				return s ? m.staff_audit_rationale_of({ who: seatName(s) }) : m.staff_audit_a_rationale();
			}
			case 'user': {
				const s = seatByUser.get(id);
				return s && !staff.has(id) ? seatName(s) : m.staff_audit_staff();
			}
			case 'invitation':
				return viewer.seesIdentities
					? m.staff_audit_invitation_id({ id: id.slice(0, 6) })
					: m.staff_audit_an_invitation();
			case 'dataset':
				return m.staff_audit_the_data();
			default:
				return r.targetType ?? '';
		}
	};
	const actorIds = new Map(
		rows.length
			? tx
					.select({ id: auditLog.id, actorId: auditLog.actorId })
					.from(auditLog)
					.where(
						inArray(
							auditLog.id,
							rows.map((r) => r.id)
						)
					)
					.all()
					.map((a) => [a.id, a.actorId])
			: []
	);
	const hidden = new Set(['email', 'name', 'ip']);
	return rows.map((r) => {
		const actorId = actorIds.get(r.id) ?? null;
		const seat = actorId ? seatByUser.get(actorId) : undefined;
		const actor =
			actorId === null
				? r.action === 'round.close'
					? m.staff_audit_the_deadline()
					: 'Concord'
				: seat && !staff.has(actorId)
					? seatName(seat)
					: (r.actor ?? m.staff_audit_someone());
		const before = (r.before ?? {}) as Record<string, unknown>;
		const after = (r.after ?? {}) as Record<string, unknown>;
		const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
			(f) => viewer.seesIdentities || !hidden.has(f)
		);
		return {
			id: r.id,
			at: r.at,
			action: r.action,
			what: ACTION_WORDS[r.action]?.() ?? r.action,
			target: target(r),
			actor,
			changes: fields.map((f) => ({ field: f, before: text(before[f]), after: text(after[f]) }))
		};
	});
}

/** The readable record as CSV (UTF-8 with BOM, for spreadsheets). */
export function readableAuditCsv(rows: ReadableAuditRow[]): string {
	return (
		'\uFEFF' +
		Papa.unparse(
			{
				// Headers in the reader's language (a record to read; the raw export keeps its own).
				fields: [
					'id',
					m.staff_audit_col_at(),
					'action',
					m.staff_audit_col_what(),
					m.staff_audit_col_target(),
					m.staff_audit_col_who(),
					m.staff_audit_col_changes()
				],
				data: rows.map((r) => [
					r.id,
					r.at.toISOString(),
					r.action,
					r.what,
					r.target,
					r.actor,
					r.changes.map((c) => `${c.field}: ${c.before} → ${c.after}`).join('; ')
				])
			},
			{ newline: '\r\n' }
		)
	);
}
