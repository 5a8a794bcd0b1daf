import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
	auditLog,
	invitations,
	memberships,
	outbox,
	panelists,
	passwordResets,
	users
} from './db/schema';
import {
	DAY_MS,
	InvitationError,
	acceptInvitation,
	checkInvitation,
	createInvitation,
	listInvitations,
	revokeInvitation
} from './invitations';
import {
	ResetRefused,
	checkPasswordReset,
	consumePasswordReset,
	createPasswordReset
} from './password-resets';
import { createSession, validateSessionToken } from './session';
import { createTestDb, seedMinimal } from './testing/db';
import { generateId, hashToken } from './tokens';

const origin = 'http://localhost:3000';

function setup() {
	const db = createTestDb();
	const ids = seedMinimal(db);
	return { db, ...ids };
}

describe('invitations', () => {
	it('stores a hash of a single-use token, queues the mail with the link, and expires in 7 days', () => {
		const { db, studyId, coordinatorId } = setup();
		const now = Date.now();
		const inv = createInvitation(
			db,
			{
				studyId,
				email: ' New.Expert@Example.org ',
				name: 'New Expert',
				role: 'expert',
				invitedBy: coordinatorId,
				origin
			},
			now
		);
		const row = db.select().from(invitations).get()!;
		expect(row.email).toBe('new.expert@example.org');
		expect(row.tokenHash).toBe(hashToken(inv.token));
		expect(row.expiresAt.getTime()).toBe(now + 7 * DAY_MS);
		const mail = db.select().from(outbox).get()!;
		expect(mail.body).toContain(`/invite/${inv.token}`);
		expect(mail.state).toBe('queued');
		expect(db.select().from(panelists).get()?.pseudonym).toBe('Expert A');
		expect(
			db.select().from(auditLog).where(eq(auditLog.action, 'invitation.create')).all()
		).toHaveLength(1);
	});

	it('accepts once: creates the account, the role and the panel seat; the second use is refused', () => {
		const { db, studyId, coordinatorId } = setup();
		const inv = createInvitation(db, {
			studyId,
			email: 'e@x.org',
			name: 'E',
			role: 'expert',
			invitedBy: coordinatorId,
			origin
		});
		expect(checkInvitation(db, inv.token).status).toBe('valid');
		const { userId } = acceptInvitation(db, inv.token, {
			kind: 'new',
			name: 'Eve',
			passwordHash: 'hash'
		});
		expect(db.select().from(users).where(eq(users.id, userId)).get()?.name).toBe('Eve');
		expect(db.select().from(memberships).where(eq(memberships.userId, userId)).get()?.role).toBe(
			'expert'
		);
		const seat = db.select().from(panelists).get()!;
		expect(seat.userId).toBe(userId);
		expect(seat.state).toBe('active');
		expect(checkInvitation(db, inv.token).status).toBe('accepted');
		expect(() =>
			acceptInvitation(db, inv.token, { kind: 'new', name: 'Eve', passwordHash: 'hash' })
		).toThrow(InvitationError);
		// The spent link is no longer kept for copying.
		expect(db.select().from(outbox).get()?.link).toBeNull();
	});

	it('refuses an expired invitation and changes nothing', () => {
		const { db, studyId, coordinatorId } = setup();
		const now = Date.now();
		const inv = createInvitation(
			db,
			{ studyId, email: 'late@x.org', name: 'L', role: 'author', invitedBy: coordinatorId, origin },
			now
		);
		const later = now + 8 * DAY_MS;
		expect(() =>
			acceptInvitation(db, inv.token, { kind: 'new', name: 'L', passwordHash: 'h' }, later)
		).toThrowError(/expired/);
		expect(db.select().from(users).where(eq(users.email, 'late@x.org')).get()).toBeUndefined();
		expect(checkInvitation(db, inv.token, later).status).toBe('expired');
		expect(listInvitations(db, studyId, later)[0].state).toBe('expired');
	});

	it('says unknown for a malformed or unknown token', () => {
		const { db } = setup();
		expect(checkInvitation(db, 'not a token').status).toBe('unknown');
		expect(checkInvitation(db, 'abcdefghijklmnopqrstuvwxyz234567').status).toBe('unknown');
	});

	it('a new invitation to the same person revokes the earlier one; revoke works only on pending ones', () => {
		const { db, studyId, coordinatorId } = setup();
		const first = createInvitation(db, {
			studyId,
			email: 'a@x.org',
			name: 'A',
			role: 'expert',
			invitedBy: coordinatorId,
			origin
		});
		const second = createInvitation(db, {
			studyId,
			email: 'a@x.org',
			name: 'A',
			role: 'expert',
			invitedBy: coordinatorId,
			origin
		});
		expect(checkInvitation(db, first.token).status).toBe('revoked');
		expect(checkInvitation(db, second.token).status).toBe('valid');
		// One seat for one person, whatever the number of invitations.
		expect(db.select().from(panelists).all()).toHaveLength(1);
		expect(revokeInvitation(db, studyId, second.id, coordinatorId)).toBe(true);
		expect(revokeInvitation(db, studyId, second.id, coordinatorId)).toBe(false);
		expect(checkInvitation(db, second.token).status).toBe('revoked');
	});

	it('attaches a new role to an existing account', () => {
		const { db, studyId, coordinatorId } = setup();
		const inv = createInvitation(db, {
			studyId,
			email: 'coord@test.org',
			name: 'C',
			role: 'author',
			invitedBy: coordinatorId,
			origin
		});
		expect(() =>
			acceptInvitation(db, inv.token, { kind: 'new', name: 'C', passwordHash: 'h' })
		).toThrow(InvitationError);
		acceptInvitation(db, inv.token, { kind: 'existing', userId: coordinatorId });
		const roles = db
			.select()
			.from(memberships)
			.where(eq(memberships.userId, coordinatorId))
			.all()
			.map((m) => m.role)
			.sort();
		expect(roles).toEqual(['author', 'coordinator']);
	});
});

describe('password resets', () => {
	it('is single use, sets the password and signs the person out everywhere', () => {
		const { db, coordinatorId } = setup();
		const s = createSession(db, coordinatorId);
		const reset = createPasswordReset(db, {
			userId: coordinatorId,
			issuer: { by: 'operator' },
			origin
		});
		expect(checkPasswordReset(db, reset.token).status).toBe('valid');
		expect(consumePasswordReset(db, reset.token, 'new-hash')).toEqual({ userId: coordinatorId });
		expect(db.select().from(users).where(eq(users.id, coordinatorId)).get()?.passwordHash).toBe(
			'new-hash'
		);
		expect(validateSessionToken(db, s.token).session).toBeNull();
		expect(consumePasswordReset(db, reset.token, 'again')).toEqual({ error: 'used' });
		expect(db.select().from(users).where(eq(users.id, coordinatorId)).get()?.passwordHash).toBe(
			'new-hash'
		);
	});

	it('expires, and a newer link replaces an older one', () => {
		const { db, coordinatorId } = setup();
		const now = Date.now();
		const a = createPasswordReset(
			db,
			{ userId: coordinatorId, issuer: { by: 'operator' }, origin },
			now
		);
		const b = createPasswordReset(
			db,
			{ userId: coordinatorId, issuer: { by: 'operator' }, origin },
			now
		);
		expect(checkPasswordReset(db, a.token, now).status).toBe('used');
		expect(checkPasswordReset(db, b.token, now + 25 * 3600_000).status).toBe('expired');
	});

	it('a coordinator may re-issue a link only for an expert who is on their study alone', () => {
		const { db, studyId, coordinatorId } = setup();
		const other = seedMinimal(db, 'coord-b@test.org');
		const account = (email: string) => {
			const id = generateId();
			db.insert(users).values({ id, email, name: email, passwordHash: 'x' }).run();
			return id;
		};
		const onlyHere = account('only-here@test.org');
		db.insert(memberships).values({ studyId, userId: onlyHere, role: 'expert' }).run();
		const alsoThere = account('also-there@test.org');
		db.insert(memberships).values({ studyId, userId: alsoThere, role: 'expert' }).run();
		db.insert(memberships)
			.values({ studyId: other.studyId, userId: alsoThere, role: 'expert' })
			.run();
		const authorHere = account('author-here@test.org');
		db.insert(memberships).values({ studyId, userId: authorHere, role: 'author' }).run();
		// The other study's coordinator, made an expert of this study: the takeover of the issue.
		db.insert(memberships).values({ studyId, userId: other.coordinatorId, role: 'expert' }).run();
		const byCoordinator = (userId: string) => () =>
			createPasswordReset(db, {
				userId,
				origin,
				issuer: { by: 'coordinator', createdBy: coordinatorId, studyId }
			});
		const before = db.select().from(passwordResets).all().length;
		for (const id of [alsoThere, authorHere, other.coordinatorId, coordinatorId])
			expect(byCoordinator(id)).toThrow(ResetRefused);
		expect(db.select().from(passwordResets).all()).toHaveLength(before);
		expect(byCoordinator(onlyHere)().link).toMatch(/\/reset\//);
		const audit = db
			.select()
			.from(auditLog)
			.all()
			.filter((a) => a.action === 'password_reset.create');
		expect(audit.map((a) => [a.targetId, a.studyId, a.actorId])).toEqual([
			[onlyHere, studyId, coordinatorId]
		]);
	});

	it('the operator may reset any account; the link is printed, never kept in the outbox', () => {
		const { db, coordinatorId } = setup();
		const reset = createPasswordReset(db, {
			userId: coordinatorId,
			origin,
			issuer: { by: 'operator' }
		});
		expect(checkPasswordReset(db, reset.token).status).toBe('valid');
		expect(
			db
				.select()
				.from(outbox)
				.all()
				.filter((o) => o.kind === 'reset')
		).toHaveLength(0);
		const row = db
			.select()
			.from(auditLog)
			.all()
			.find((a) => a.action === 'password_reset.create')!;
		expect(row).toMatchObject({ actorId: null, studyId: null, targetId: coordinatorId });
	});
});

describe('mail in the reader’s language', () => {
	it('an invitation is written in the language the coordinator picked, and the new account reads it', () => {
		const { db, studyId, coordinatorId } = setup();
		const inv = createInvitation(db, {
			studyId,
			email: 'wang@example.org',
			name: '王芳',
			role: 'expert',
			invitedBy: coordinatorId,
			origin,
			locale: 'zh'
		});
		const mail = db.select().from(outbox).where(eq(outbox.relatedId, inv.id)).get()!;
		expect(mail.subject).toMatch(/^邀请您参加 Concord 上的“/);
		expect(mail.body).toContain('王芳，您好');
		expect(mail.body).toContain('以专家组成员的身份');
		expect(mail.body).toContain(inv.link);
		const { userId } = acceptInvitation(db, inv.token, {
			kind: 'new',
			name: '王芳',
			passwordHash: 'hash'
		});
		expect(db.select().from(users).where(eq(users.id, userId)).get()?.locale).toBe('zh');
	});

	it('English when nobody chose, and a reset link in the account’s own language', () => {
		const { db, studyId, coordinatorId } = setup();
		const inv = createInvitation(db, {
			studyId,
			email: 'sam@example.org',
			name: 'Sam',
			role: 'expert',
			invitedBy: coordinatorId,
			origin
		});
		const invMail = db.select().from(outbox).where(eq(outbox.relatedId, inv.id)).get()!;
		expect(invMail.body).toMatch(/^Dear Sam,[\s\S]*as an expert on the panel\./);
		const { userId } = acceptInvitation(db, inv.token, {
			kind: 'new',
			name: 'Sam',
			passwordHash: 'hash'
		});
		db.update(users).set({ locale: 'ar' }).where(eq(users.id, userId)).run();
		const reset = createPasswordReset(db, {
			userId,
			issuer: { by: 'coordinator', createdBy: coordinatorId, studyId },
			origin
		});
		const mail = db.select().from(outbox).where(eq(outbox.relatedId, reset.id)).get()!;
		expect(mail.subject).toBe('أعد تعيين كلمة مرور Concord');
		expect(mail.body).toContain('عزيزي/عزيزتي Sam،');
		expect(mail.body).toContain(reset.link);
	});
});
