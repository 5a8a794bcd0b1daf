import { and, desc, eq } from 'drizzle-orm';
import { appendAudit } from './audit';
import { DomainError } from './errors';
import type { DB, Tx } from './db';
import {
	invitations,
	outbox,
	panelists,
	studies,
	users,
	type Invitation,
	type Locale,
	type Role
} from './db/schema';
import { m } from '../paraglide/messages';
import { queueMail } from './mail';
import { addPanelist, getPanelistByEmail } from './panelists';
import { generateId, generateToken, hashToken } from './tokens';
import { addMembership, getUserByEmail } from './users';

export const DAY_MS = 24 * 60 * 60 * 1000;

export type InvitationStatus = 'valid' | 'unknown' | 'accepted' | 'expired' | 'revoked';

export type NewInvitation = {
	studyId: string;
	email: string;
	name: string;
	role: Role;
	affiliation?: string;
	region?: string;
	expertise?: string;
	invitedBy: string | null;
	/** Base URL for the link, e.g. http://localhost:3000 */
	origin: string;
	ttlDays?: number;
	ip?: string | null;
	/** The language the invitation is written in (and the new account's); English by default. */
	locale?: Locale;
};

/** "as an expert on the panel", in the invitation's language. */
const roleWords = (role: Role, locale: Locale) =>
	({ expert: m.role_expert, coordinator: m.role_coordinator, author: m.role_author })[role](
		{},
		{ locale }
	);

/**
 * Creates a single-use invitation (7 days by default), revoking any earlier pending one for the
 * same person and role, and queues the mail. For experts it also creates the panel seat.
 * Returns the raw token (only ever shown in the link).
 */
export function createInvitation(db: DB, inv: NewInvitation, now = Date.now()) {
	return db.transaction((tx) => createInvitationTx(tx, inv, now));
}

/** The same inside the caller's transaction (a CSV import invites everyone or no one). */
export function createInvitationTx(tx: Tx, inv: NewInvitation, now = Date.now()) {
	const email = inv.email.trim().toLowerCase();
	const token = generateToken();
	const link = `${inv.origin.replace(/\/$/, '')}/invite/${token}`;
	{
		const study = tx.select().from(studies).where(eq(studies.id, inv.studyId)).get();
		if (!study) throw new Error(`no study ${inv.studyId}`);
		const earlier = tx
			.select()
			.from(invitations)
			.where(
				and(
					eq(invitations.studyId, inv.studyId),
					eq(invitations.email, email),
					eq(invitations.role, inv.role),
					eq(invitations.state, 'pending')
				)
			)
			.all();
		for (const e of earlier) {
			tx.update(invitations)
				.set({ state: 'revoked', revokedAt: new Date(now) })
				.where(eq(invitations.id, e.id))
				.run();
			appendAudit(
				tx,
				{
					actorId: inv.invitedBy,
					action: 'invitation.revoke',
					studyId: inv.studyId,
					targetType: 'invitation',
					targetId: e.id,
					before: { state: 'pending' },
					after: { state: 'revoked', reason: 'superseded by a new invitation' },
					ip: inv.ip
				},
				now
			);
		}
		let panelistId: string | null = null;
		if (inv.role === 'expert') {
			const existing = getPanelistByEmail(tx, inv.studyId, email);
			panelistId =
				existing?.id ??
				addPanelist(tx, inv.studyId, {
					name: inv.name,
					email,
					affiliation: inv.affiliation,
					region: inv.region,
					expertise: inv.expertise,
					userId: null
				}).id;
		}
		const id = generateId();
		const row: typeof invitations.$inferInsert = {
			id,
			studyId: inv.studyId,
			email,
			name: inv.name,
			role: inv.role,
			panelistId,
			tokenHash: hashToken(token),
			state: 'pending',
			locale: inv.locale ?? 'en',
			expiresAt: new Date(now + (inv.ttlDays ?? 7) * DAY_MS),
			invitedBy: inv.invitedBy,
			createdAt: new Date(now)
		};
		tx.insert(invitations).values(row).run();
		queueMail(tx, {
			to: email,
			kind: 'invitation',
			relatedId: id,
			link,
			subject: m.mail_invite_subject({ study: study.title }, { locale: row.locale }),
			body: m.mail_invite_body(
				{
					name: inv.name,
					study: study.title,
					role: roleWords(inv.role, row.locale ?? 'en'),
					days: inv.ttlDays ?? 7,
					link
				},
				{ locale: row.locale }
			)
		});
		appendAudit(
			tx,
			{
				actorId: inv.invitedBy,
				action: 'invitation.create',
				studyId: inv.studyId,
				targetType: 'invitation',
				targetId: id,
				after: { email, role: inv.role, expiresAt: row.expiresAt },
				ip: inv.ip
			},
			now
		);
		return { id, token, link, expiresAt: row.expiresAt as Date };
	}
}

/** Looks a token up and says what state it is in; marks a pending, expired invitation as expired. */
export function checkInvitation(
	db: DB,
	token: string,
	now = Date.now()
): { status: InvitationStatus; invitation: Invitation | null } {
	if (!/^[a-z2-7]{16,64}$/.test(token)) return { status: 'unknown', invitation: null };
	const invitation =
		db
			.select()
			.from(invitations)
			.where(eq(invitations.tokenHash, hashToken(token)))
			.get() ?? null;
	if (!invitation) return { status: 'unknown', invitation: null };
	if (invitation.state === 'pending' && invitation.expiresAt.getTime() <= now) {
		db.update(invitations).set({ state: 'expired' }).where(eq(invitations.id, invitation.id)).run();
		invitation.state = 'expired';
	}
	const status: InvitationStatus = invitation.state === 'pending' ? 'valid' : invitation.state;
	return { status, invitation };
}

const REFUSALS: Record<Exclude<InvitationStatus, 'valid'> | 'account-exists', [number, string]> = {
	unknown: [404, 'This invitation link is not valid.'],
	accepted: [410, 'This invitation has already been used.'],
	expired: [410, 'This invitation has expired.'],
	revoked: [410, 'This invitation was withdrawn.'],
	'account-exists': [409, 'An account with this email already exists: sign in to accept.']
};

/** An invitation that cannot be accepted; `state` says why (the page words it in the reader's language). */
export class InvitationError extends DomainError {
	constructor(public state: Exclude<InvitationStatus, 'valid'> | 'account-exists') {
		const [status, message] = REFUSALS[state] ?? REFUSALS.unknown;
		super(status, message);
	}
}

/**
 * Accepts an invitation: creates the account (or attaches the role to an existing one whose
 * identity the caller has verified), adds the study role, links the panel seat, and marks the
 * invitation used — all in one transaction, re-checking the state inside it so a token works once.
 */
export function acceptInvitation(
	db: DB,
	token: string,
	account:
		{ kind: 'new'; name: string; passwordHash: string } | { kind: 'existing'; userId: string },
	now = Date.now(),
	ip: string | null = null
): { userId: string; invitation: Invitation } {
	return db.transaction((tx) => {
		const inv = tx
			.select()
			.from(invitations)
			.where(eq(invitations.tokenHash, hashToken(token)))
			.get();
		if (!inv) throw new InvitationError('unknown');
		if (inv.state !== 'pending') throw new InvitationError(inv.state);
		if (inv.expiresAt.getTime() <= now) throw new InvitationError('expired');
		let userId: string;
		if (account.kind === 'new') {
			if (getUserByEmail(tx, inv.email)) throw new InvitationError('account-exists');
			userId = generateId();
			tx.insert(users)
				.values({
					id: userId,
					email: inv.email,
					name: account.name,
					passwordHash: account.passwordHash,
					// The new account reads the language its invitation was written in.
					locale: inv.locale,
					createdAt: new Date(now)
				})
				.run();
		} else {
			const u = tx.select().from(users).where(eq(users.id, account.userId)).get();
			if (!u || u.email !== inv.email) throw new InvitationError('unknown');
			userId = u.id;
		}
		addMembership(tx, inv.studyId, userId, inv.role);
		if (inv.role === 'expert' && inv.panelistId) {
			tx.update(panelists)
				.set({ userId, state: 'active' })
				.where(eq(panelists.id, inv.panelistId))
				.run();
		}
		tx.update(invitations)
			.set({ state: 'accepted', acceptedBy: userId, acceptedAt: new Date(now) })
			.where(eq(invitations.id, inv.id))
			.run();
		// The link is spent: keep no working copy of it anywhere.
		tx.update(outbox).set({ link: null }).where(eq(outbox.relatedId, inv.id)).run();
		appendAudit(
			tx,
			{
				actorId: userId,
				action: 'invitation.accept',
				studyId: inv.studyId,
				targetType: 'invitation',
				targetId: inv.id,
				before: { state: 'pending' },
				after: { state: 'accepted', role: inv.role },
				ip
			},
			now
		);
		return { userId, invitation: { ...inv, state: 'accepted' as const } };
	});
}

export function revokeInvitation(
	db: DB,
	studyId: string,
	invitationId: string,
	actorId: string,
	now = Date.now()
): boolean {
	return db.transaction((tx) => {
		const inv = tx
			.select()
			.from(invitations)
			.where(and(eq(invitations.id, invitationId), eq(invitations.studyId, studyId)))
			.get();
		if (!inv || inv.state !== 'pending') return false;
		tx.update(invitations)
			.set({ state: 'revoked', revokedAt: new Date(now) })
			.where(eq(invitations.id, inv.id))
			.run();
		tx.update(outbox).set({ link: null }).where(eq(outbox.relatedId, inv.id)).run();
		appendAudit(
			tx,
			{
				actorId,
				action: 'invitation.revoke',
				studyId,
				targetType: 'invitation',
				targetId: inv.id,
				before: { state: 'pending' },
				after: { state: 'revoked' }
			},
			now
		);
		return true;
	});
}

/** Invitations of a study with their delivery state and, while pending and unsent, the link. */
export function listInvitations(db: DB, studyId: string, now = Date.now()) {
	const rows = db
		.select({
			invitation: invitations,
			mail: { state: outbox.state, link: outbox.link, lastError: outbox.lastError }
		})
		.from(invitations)
		.leftJoin(outbox, eq(outbox.relatedId, invitations.id))
		.where(eq(invitations.studyId, studyId))
		.orderBy(desc(invitations.createdAt))
		.all();
	return rows.map(({ invitation, mail }) => {
		const expired = invitation.state === 'pending' && invitation.expiresAt.getTime() <= now;
		const state = expired ? 'expired' : invitation.state;
		return {
			id: invitation.id,
			email: invitation.email,
			name: invitation.name,
			role: invitation.role,
			state,
			delivery: mail?.state ?? 'queued',
			deliveryError: mail?.lastError ?? null,
			link: state === 'pending' && mail?.state !== 'sent' ? (mail?.link ?? null) : null,
			expiresAt: invitation.expiresAt,
			createdAt: invitation.createdAt,
			acceptedAt: invitation.acceptedAt
		};
	});
}

/** An invitation of this study (null when the id names none, or one of another study). */
export function getStudyInvitation(tx: Tx, studyId: string, invitationId: string) {
	return (
		tx
			.select()
			.from(invitations)
			.where(and(eq(invitations.id, invitationId), eq(invitations.studyId, studyId)))
			.get() ?? null
	);
}
