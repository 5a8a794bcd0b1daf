import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { sessions } from './db/schema';
import {
	DAY_MS,
	SESSION_LIFETIME_MS,
	createSession,
	invalidateSession,
	invalidateUserSessions,
	validateSessionToken
} from './session';
import { createTestDb, seedMinimal } from './testing/db';
import { generateToken, hashToken } from './tokens';

describe('sessions (Lucia guide)', () => {
	it('stores only sha256(token), never the token', () => {
		const db = createTestDb();
		const { coordinatorId } = seedMinimal(db);
		const { token, session } = createSession(db, coordinatorId);
		expect(session.id).toBe(hashToken(token));
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		const stored = db.select().from(sessions).all();
		expect(stored).toHaveLength(1);
		expect(JSON.stringify(stored)).not.toContain(token);
	});

	it('tokens carry at least 160 bits and differ every time', () => {
		const a = generateToken();
		const b = generateToken();
		expect(a).not.toBe(b);
		expect(a.length).toBe(32); // 20 bytes in base32 without padding
	});

	it('validates a live token and returns the picked user', () => {
		const db = createTestDb();
		const { coordinatorId } = seedMinimal(db);
		const now = Date.now();
		const { token } = createSession(db, coordinatorId, now);
		const v = validateSessionToken(db, token, now + 1000);
		expect(v.user?.id).toBe(coordinatorId);
		expect(v.user && 'passwordHash' in v.user).toBe(false);
		expect(v.fresh).toBe(false);
	});

	it('rejects an unknown token', () => {
		const db = createTestDb();
		expect(validateSessionToken(db, generateToken()).session).toBeNull();
	});

	it('expires after 30 days and deletes the row', () => {
		const db = createTestDb();
		const { coordinatorId } = seedMinimal(db);
		const now = Date.now();
		const { token, session } = createSession(db, coordinatorId, now);
		expect(validateSessionToken(db, token, now + SESSION_LIFETIME_MS).session).toBeNull();
		expect(db.select().from(sessions).where(eq(sessions.id, session.id)).get()).toBeUndefined();
	});

	it('renews to a full 30 days when fewer than 15 remain', () => {
		const db = createTestDb();
		const { coordinatorId } = seedMinimal(db);
		const now = Date.now();
		const { token } = createSession(db, coordinatorId, now);
		const later = now + 16 * DAY_MS;
		const v = validateSessionToken(db, token, later);
		expect(v.fresh).toBe(true);
		expect(v.session?.expiresAt.getTime()).toBe(later + SESSION_LIFETIME_MS);
		const row = db.select().from(sessions).get();
		expect(row?.expiresAt.getTime()).toBe(later + SESSION_LIFETIME_MS);
		// 14 days in: not renewed
		const { token: t2 } = createSession(db, coordinatorId, now);
		expect(validateSessionToken(db, t2, now + 14 * DAY_MS).fresh).toBe(false);
	});

	it('invalidates one session, or all of a user', () => {
		const db = createTestDb();
		const { coordinatorId } = seedMinimal(db);
		const a = createSession(db, coordinatorId);
		const b = createSession(db, coordinatorId);
		invalidateSession(db, a.session.id);
		expect(validateSessionToken(db, a.token).session).toBeNull();
		expect(validateSessionToken(db, b.token).session).not.toBeNull();
		invalidateUserSessions(db, coordinatorId);
		expect(validateSessionToken(db, b.token).session).toBeNull();
	});
});
