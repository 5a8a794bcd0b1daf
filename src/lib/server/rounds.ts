/**
 * The round lifecycle: draft → open (with a deadline) → closed; the next round opens when the last one
 * is closed and carries its aggregated feedback to the experts. Reopening one expert's response, panel
 * weights and exclusions, hiding rationales and reminders live here too. Every change is one
 * transaction with its audit entry.
 */
import { and, asc, count, desc, eq, gt, inArray, lte, ne } from 'drizzle-orm';
import {
	roundOptionsSchema,
	settingsForRound,
	studySettingsSchema,
	type RoundOptions
} from '../schemas/study';
import { appendAudit } from './audit';
import { DomainError } from './errors';
import { durably, type DB } from './db';
import { carryOverDraft } from './responses';
import { listRounds } from './studies';
import {
	auditLog,
	comments,
	judgmentHistory,
	judgments,
	outbox,
	panelists,
	responses,
	roundPanel,
	rounds,
	studies,
	users,
	type Locale,
	type Round
} from './db/schema';
import { dateLong } from '../format';
import { m } from '../paraglide/messages';
import { getLocale } from '../paraglide/runtime';
import { studyText } from '../study-text';
import { queueMail } from './mail';
import { generateId } from './tokens';

/** A round cannot move this way (not open, out of order, no such round…). */
export class LifecycleError extends DomainError {}

const DAY = 24 * 3600 * 1000;

function assertFutureDeadline(closesAt: Date, now: number): void {
	if (!(closesAt.getTime() > now)) throw new LifecycleError(400, m.staff_err_deadline_future());
}

/** Opens round `number` (creating it) with a deadline; round 1 also freezes the framework and settings. */
export function openRound(
	db: DB,
	o: { studyId: string; actorId: string; closesAt: Date; options?: Partial<RoundOptions> },
	now = Date.now()
) {
	assertFutureDeadline(o.closesAt, now);
	return db.transaction((tx) => {
		// The round's feedback options: as given, else as the last round had them, else the study's.
		const studyRow = tx.select().from(studies).where(eq(studies.id, o.studyId)).get()!;
		const lastRound = tx
			.select()
			.from(rounds)
			.where(and(eq(rounds.studyId, o.studyId), ne(rounds.state, 'draft')))
			.orderBy(desc(rounds.number))
			.get();
		const options = roundOptionsSchema.parse({
			...roundOptionsSchema.parse(settingsForRound(studyRow.settings, lastRound)),
			...o.options
		});
		const all = tx
			.select()
			.from(rounds)
			.where(eq(rounds.studyId, o.studyId))
			.orderBy(desc(rounds.number))
			.all();
		const last = all[0] ?? null;
		if (last && last.state === 'open')
			throw new LifecycleError(409, m.staff_err_round_still_open({ n: last.number }));
		let round;
		if (last && last.state === 'draft') {
			tx.update(rounds)
				.set({ state: 'open', openedAt: new Date(now), closesAt: o.closesAt, options })
				.where(eq(rounds.id, last.id))
				.run();
			round = { ...last, state: 'open' as const, options };
		} else {
			const id = generateId();
			const number = (last?.number ?? 0) + 1;
			tx.insert(rounds)
				.values({
					id,
					studyId: o.studyId,
					number,
					state: 'open',
					openedAt: new Date(now),
					closesAt: o.closesAt,
					options,
					createdAt: new Date(now)
				})
				.run();
			round = tx.select().from(rounds).where(eq(rounds.id, id)).get()!;
		}
		// Every panelist's draft starts from their own previous answers now, so that the expert's
		// home, the questionnaire and the cockpit count the same answers from the first moment.
		const previous = all.find((r) => r.number === round.number - 1 && r.state === 'closed');
		if (previous)
			for (const seat of tx
				.select({ id: panelists.id })
				.from(panelists)
				.where(eq(panelists.studyId, o.studyId))
				.all())
				carryOverDraft(
					tx,
					{ roundId: round.id, prevRoundId: previous.id, panelistId: seat.id, actorId: o.actorId },
					now
				);
		if (round.number === 1)
			tx.update(studies)
				.set({ frozenAt: new Date(now) })
				.where(eq(studies.id, o.studyId))
				.run();
		appendAudit(
			tx,
			{
				actorId: o.actorId,
				action: 'round.open',
				studyId: o.studyId,
				targetType: 'round',
				targetId: round.id,
				before: { state: last?.state === 'draft' ? 'draft' : null },
				after: { number: round.number, state: 'open', closesAt: o.closesAt, options }
			},
			now
		);
		return round;
	});
}

/** Prepares the next round as a draft (with a planned deadline) to open later; experts do not see it. */
export function prepareRound(
	db: DB,
	o: { studyId: string; actorId: string; closesAt: Date },
	now = Date.now()
) {
	assertFutureDeadline(o.closesAt, now);
	return db.transaction((tx) => {
		const last =
			tx
				.select()
				.from(rounds)
				.where(eq(rounds.studyId, o.studyId))
				.orderBy(desc(rounds.number))
				.get() ?? null;
		if (last?.state === 'open')
			throw new LifecycleError(409, m.staff_err_round_still_open({ n: last.number }));
		if (last?.state === 'draft')
			throw new LifecycleError(409, m.staff_err_round_drafted({ n: last.number }));
		const id = generateId();
		const number = (last?.number ?? 0) + 1;
		tx.insert(rounds)
			.values({
				id,
				studyId: o.studyId,
				number,
				state: 'draft',
				closesAt: o.closesAt,
				createdAt: new Date(now)
			})
			.run();
		appendAudit(
			tx,
			{
				actorId: o.actorId,
				action: 'round.draft',
				studyId: o.studyId,
				targetType: 'round',
				targetId: id,
				after: { number, state: 'draft', closesAt: o.closesAt }
			},
			now
		);
		return { id, number };
	});
}

export function closeRound(
	db: DB,
	o: { studyId: string; roundId: string; actorId: string | null },
	now = Date.now()
) {
	return durably(db, () =>
		db.transaction((tx) => {
			const round = tx
				.select()
				.from(rounds)
				.where(and(eq(rounds.id, o.roundId), eq(rounds.studyId, o.studyId)))
				.get();
			if (!round) throw new LifecycleError(404, m.staff_err_no_round());
			if (round.state !== 'open')
				throw new LifecycleError(409, m.staff_err_round_not_open({ n: round.number }));
			const submitted = tx
				.select()
				.from(responses)
				.where(and(eq(responses.roundId, round.id), eq(responses.state, 'submitted')))
				.all().length;
			// Record who was on the panel while the round was open and could answer (an accepted seat,
			// or a response): its counts never change afterwards, whoever joins the study later.
			const responded = new Set(
				tx
					.select({ p: responses.panelistId })
					.from(responses)
					.where(eq(responses.roundId, round.id))
					.all()
					.map((r) => r.p)
			);
			for (const p of tx.select().from(panelists).where(eq(panelists.studyId, o.studyId)).all())
				if (responded.has(p.id) || p.state === 'active')
					tx.insert(roundPanel).values({ roundId: round.id, panelistId: p.id }).run();
			tx.update(rounds)
				.set({ state: 'closed', closedAt: new Date(now) })
				.where(eq(rounds.id, round.id))
				.run();
			appendAudit(
				tx,
				{
					actorId: o.actorId,
					action: 'round.close',
					studyId: o.studyId,
					targetType: 'round',
					targetId: round.id,
					before: { state: 'open' },
					after: { state: 'closed', submitted }
				},
				now
			);
			return round;
		})
	);
}

/**
 * Closes every open round whose deadline has passed, in the studies that close rounds at their
 * deadline (the others only stop accepting answers and wait for the coordinator). Audited as done by
 * no one (the deadline). Returns the rounds it closed.
 */
export function closeDueRounds(db: DB, now = Date.now()) {
	const due = db
		.select({ round: rounds, settings: studies.settings })
		.from(rounds)
		.innerJoin(studies, eq(studies.id, rounds.studyId))
		.where(and(eq(rounds.state, 'open'), lte(rounds.closesAt, new Date(now))))
		.all()
		.filter((r) => studySettingsSchema.parse(r.settings).closeAtDeadline);
	return due.map(({ round }) =>
		closeRound(db, { studyId: round.studyId, roundId: round.id, actorId: null }, now)
	);
}

export function extendDeadline(
	db: DB,
	o: { studyId: string; roundId: string; actorId: string; closesAt: Date },
	now = Date.now()
) {
	assertFutureDeadline(o.closesAt, now);
	db.transaction((tx) => {
		const round = tx
			.select()
			.from(rounds)
			.where(and(eq(rounds.id, o.roundId), eq(rounds.studyId, o.studyId)))
			.get();
		if (!round || round.state !== 'open')
			throw new LifecycleError(409, m.staff_err_deadline_open_only());
		tx.update(rounds).set({ closesAt: o.closesAt }).where(eq(rounds.id, round.id)).run();
		appendAudit(
			tx,
			{
				actorId: o.actorId,
				action: 'round.deadline',
				studyId: o.studyId,
				targetType: 'round',
				targetId: round.id,
				before: { closesAt: round.closesAt },
				after: { closesAt: o.closesAt }
			},
			now
		);
	});
}

/** Sends a submitted response back to draft so the expert can change it (while the round is open). */
export function reopenResponse(
	db: DB,
	o: { studyId: string; panelistId: string; actorId: string; reason: string },
	now = Date.now()
) {
	db.transaction((tx) => {
		const round = tx
			.select()
			.from(rounds)
			.where(and(eq(rounds.studyId, o.studyId), eq(rounds.state, 'open')))
			.get();
		if (!round) throw new LifecycleError(409, m.staff_err_reopen_open_only());
		const response = tx
			.select()
			.from(responses)
			.where(and(eq(responses.roundId, round.id), eq(responses.panelistId, o.panelistId)))
			.get();
		if (!response || response.state !== 'submitted')
			throw new LifecycleError(409, m.staff_err_not_submitted());
		for (const j of tx
			.select()
			.from(judgments)
			.where(eq(judgments.responseId, response.id))
			.all()) {
			tx.insert(judgmentHistory)
				.values({
					responseId: response.id,
					node: j.node,
					itemA: j.itemA,
					itemB: j.itemB,
					position: j.position,
					event: 'reopen',
					savedBy: o.actorId,
					savedAt: new Date(now)
				})
				.run();
		}
		// The history row first: the database lets a submission go back to draft only after it is recorded.
		tx.update(responses)
			.set({
				state: 'draft',
				submittedAt: null,
				revision: response.revision + 1,
				updatedAt: new Date(now)
			})
			.where(eq(responses.id, response.id))
			.run();
		appendAudit(
			tx,
			{
				actorId: o.actorId,
				action: 'response.reopen',
				studyId: o.studyId,
				targetType: 'response',
				targetId: response.id,
				before: { state: 'submitted' },
				after: { state: 'draft', reason: o.reason }
			},
			now
		);
	});
}

/** An expert's weight in the group and whether they are left out of it. */
export function setPanelistWeighting(
	db: DB,
	o: {
		studyId: string;
		panelistId: string;
		actorId: string;
		weight: number;
		excluded: boolean;
		reason: string;
	},
	now = Date.now()
) {
	if (!Number.isFinite(o.weight) || o.weight < 0 || o.weight > 100)
		throw new LifecycleError(400, m.staff_err_weight_range());
	db.transaction((tx) => {
		const seat = tx
			.select()
			.from(panelists)
			.where(and(eq(panelists.id, o.panelistId), eq(panelists.studyId, o.studyId)))
			.get();
		if (!seat) throw new LifecycleError(404, m.staff_err_no_expert());
		if (seat.weight === o.weight && seat.excluded === o.excluded) return;
		tx.update(panelists)
			.set({ weight: o.weight, excluded: o.excluded })
			.where(eq(panelists.id, seat.id))
			.run();
		appendAudit(
			tx,
			{
				actorId: o.actorId,
				action:
					o.excluded !== seat.excluded
						? o.excluded
							? 'panel.exclude'
							: 'panel.include'
						: 'panel.weight',
				studyId: o.studyId,
				targetType: 'panelist',
				targetId: seat.id,
				before: { weight: seat.weight, excluded: seat.excluded },
				after: { weight: o.weight, excluded: o.excluded, reason: o.reason || null }
			},
			now
		);
	});
}

export function setCommentHidden(
	db: DB,
	o: { studyId: string; commentId: string; actorId: string; hidden: boolean; reason: string },
	now = Date.now()
) {
	db.transaction((tx) => {
		const row = tx
			.select({ c: comments, studyId: rounds.studyId })
			.from(comments)
			.innerJoin(responses, eq(responses.id, comments.responseId))
			.innerJoin(rounds, eq(rounds.id, responses.roundId))
			.where(eq(comments.id, o.commentId))
			.get();
		if (!row || row.studyId !== o.studyId)
			throw new LifecycleError(404, m.staff_err_no_rationale());
		if (o.hidden && !o.reason.trim()) throw new LifecycleError(400, m.staff_err_hide_reason());
		tx.update(comments)
			.set(
				o.hidden
					? { hiddenAt: new Date(now), hiddenBy: o.actorId, hiddenReason: o.reason.trim() }
					: { hiddenAt: null, hiddenBy: null, hiddenReason: null }
			)
			.where(eq(comments.id, o.commentId))
			.run();
		appendAudit(
			tx,
			{
				actorId: o.actorId,
				action: o.hidden ? 'comment.hide' : 'comment.unhide',
				studyId: o.studyId,
				targetType: 'comment',
				targetId: o.commentId,
				before: { hidden: row.c.hiddenAt !== null },
				after: { hidden: o.hidden, reason: o.reason.trim() || null }
			},
			now
		);
	});
}

export type ReminderPlan = {
	round: Pick<Round, 'id' | 'number' | 'closesAt'>;
	studyTitle: string;
	studyTitleZh: string;
	roundId: string;
	roundNumber: number;
	recipients: {
		panelistId: string;
		email: string;
		name: string;
		pseudonym: string;
		/** Each reminder is written in its recipient's language (their account's). */
		locale: Locale;
	}[];
	/** The letter as the coordinator previews it (in their language, to "colleague"). */
	subject: string;
	body: string;
	blockedUntil: Date | null;
};

/** A reminder of a round, to one person, in their language. */
export function reminderLetter(
	o: {
		round: Pick<Round, 'id' | 'number' | 'closesAt'>;
		studyTitle: string;
		studyTitleZh: string;
		origin: string;
	},
	to: { name: string; locale: Locale }
): { subject: string; body: string } {
	const locale = to.locale;
	const study = studyText(o.studyTitle, o.studyTitleZh, locale).text;
	const deadline = o.round.closesAt
		? dateLong(o.round.closesAt, locale)
		: m.mail_deadline_soon({}, { locale });
	const common = { number: o.round.number, study, deadline };
	return {
		subject: m.mail_reminder_subject(common, { locale }),
		// Neither "continue where you left off" (some have not started) nor "start" (some have answers
		// carried over or saved): it says both, plainly.
		body: m.mail_reminder_body(
			{
				...common,
				name: to.name,
				link: `${o.origin.replace(/\/$/, '')}/expert/rounds/${o.round.id}`
			},
			{ locale }
		)
	};
}

/** Who a reminder would reach (signed-up experts who have not submitted the open round) and what it says. */
export function planReminder(
	db: DB,
	o: { studyId: string; origin: string; intervalHours: number },
	now = Date.now()
): ReminderPlan {
	const round = db
		.select()
		.from(rounds)
		.where(and(eq(rounds.studyId, o.studyId), eq(rounds.state, 'open')))
		.get();
	if (!round) throw new LifecycleError(409, m.staff_nobody_to_remind());
	const study = db.select().from(studies).where(eq(studies.id, o.studyId)).get()!;
	const submitted = new Set(
		db
			.select({ p: responses.panelistId })
			.from(responses)
			.where(and(eq(responses.roundId, round.id), eq(responses.state, 'submitted')))
			.all()
			.map((r) => r.p)
	);
	const seats = db
		.select()
		.from(panelists)
		.where(and(eq(panelists.studyId, o.studyId), eq(panelists.state, 'active')))
		.all()
		.filter((p) => !submitted.has(p.id) && !p.excluded);
	const localeOf = new Map(
		db
			.select({ id: users.id, locale: users.locale })
			.from(users)
			.where(
				inArray(
					users.id,
					seats.flatMap((p) => (p.userId ? [p.userId] : []))
				)
			)
			.all()
			.map((u) => [u.id, u.locale])
	);
	const recipients = seats.map((p) => ({
		panelistId: p.id,
		email: p.email,
		name: p.name,
		pseudonym: p.pseudonym,
		locale: (p.userId && localeOf.get(p.userId)) || ('en' as const)
	}));
	const last = db
		.select()
		.from(auditLog)
		.where(
			and(
				eq(auditLog.studyId, o.studyId),
				eq(auditLog.action, 'reminder.send'),
				eq(auditLog.targetId, round.id),
				gt(auditLog.at, new Date(now - o.intervalHours * 3600_000))
			)
		)
		.orderBy(desc(auditLog.at))
		.get();
	// The coordinator previews it in their own language; each expert receives it in theirs.
	const preview = reminderLetter(
		{ round, studyTitle: study.title, studyTitleZh: study.titleZh, origin: o.origin },
		{ name: m.staff_colleague(), locale: getLocale() }
	);
	return {
		round: { id: round.id, number: round.number, closesAt: round.closesAt },
		studyTitle: study.title,
		studyTitleZh: study.titleZh,
		roundId: round.id,
		roundNumber: round.number,
		recipients,
		...preview,
		blockedUntil: last ? new Date(last.at.getTime() + o.intervalHours * 3600_000) : null
	};
}

/** Queues the reminder for every non-submitter, unless one was sent within the interval. */
export function sendReminder(
	db: DB,
	o: { studyId: string; origin: string; intervalHours: number; actorId: string },
	now = Date.now()
) {
	const plan = planReminder(db, o, now);
	if (plan.blockedUntil && plan.blockedUntil.getTime() > now) {
		throw new LifecycleError(
			429,
			m.staff_err_reminder_recent({
				hours: o.intervalHours,
				at: plan.blockedUntil.toISOString().slice(0, 16).replace('T', ' ')
			})
		);
	}
	if (plan.recipients.length === 0) throw new LifecycleError(409, m.staff_err_nobody_to_remind());
	db.transaction((tx) => {
		for (const r of plan.recipients) {
			queueMail(tx, {
				to: r.email,
				kind: 'reminder',
				relatedId: plan.roundId,
				...reminderLetter(
					{
						round: plan.round,
						studyTitle: plan.studyTitle,
						studyTitleZh: plan.studyTitleZh,
						origin: o.origin
					},
					r
				)
			});
		}
		appendAudit(
			tx,
			{
				actorId: o.actorId,
				action: 'reminder.send',
				studyId: o.studyId,
				targetType: 'round',
				targetId: plan.roundId,
				after: { recipients: plan.recipients.map((r) => r.pseudonym) }
			},
			now
		);
	});
	return plan;
}

export function listReminderMail(db: DB, roundIds: string[]) {
	if (roundIds.length === 0) return [];
	return db
		.select()
		.from(outbox)
		.where(and(eq(outbox.kind, 'reminder'), inArray(outbox.relatedId, roundIds)))
		.orderBy(desc(outbox.createdAt))
		.all();
}

export const DEFAULT_REMINDER_INTERVAL_HOURS = 24;
export { DAY };

/** The Rounds tab: every round with its submissions (one grouped count), and who has not submitted the open one. */
export function roundsOverview(db: DB, studyId: string) {
	const all = listRounds(db, studyId).reverse();
	const submittedBy = new Map(
		db
			.select({ roundId: responses.roundId, n: count() })
			.from(responses)
			.innerJoin(rounds, eq(rounds.id, responses.roundId))
			.where(and(eq(rounds.studyId, studyId), eq(responses.state, 'submitted')))
			.groupBy(responses.roundId)
			.all()
			.map((r) => [r.roundId, r.n])
	);
	const seats = db
		.select()
		.from(panelists)
		.where(eq(panelists.studyId, studyId))
		.orderBy(asc(panelists.pseudonym))
		.all();
	const open = all.find((r) => r.state === 'open') ?? null;
	const submitted = open
		? new Set(
				db
					.select({ p: responses.panelistId })
					.from(responses)
					.where(and(eq(responses.roundId, open.id), eq(responses.state, 'submitted')))
					.all()
					.map((r) => r.p)
			)
		: new Set<string>();
	return {
		rounds: all.map((r) => ({ ...r, submitted: submittedBy.get(r.id) ?? 0 })),
		panelSize: seats.length,
		notSubmitted: open
			? seats
					.filter((s) => !submitted.has(s.id))
					.map((s) => ({ pseudonym: s.pseudonym, name: s.name, state: s.state }))
			: []
	};
}
