import type { Cookies } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { DB } from './db';
import { sessions, type Session, type User } from './db/schema';
import { generateToken, hashToken } from './tokens';

/** Sessions the Lucia-guide way (lucia-auth.com/sessions/basic): only sha256(token) is stored. */
export const SESSION_COOKIE = 'concord_session';
export const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY_MS;
/** A session with less than this left is extended to a full lifetime on use. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS;

export type SessionUser = Pick<User, 'id' | 'email' | 'name' | 'locale' | 'canCreateStudies'>;
export type SessionValidation =
	| { session: Session; user: SessionUser; fresh: boolean }
	| { session: null; user: null; fresh: false };

export function createSession(
	db: DB,
	userId: string,
	now = Date.now()
): { token: string; session: Session } {
	const token = generateToken();
	const session: Session = {
		id: hashToken(token),
		userId,
		expiresAt: new Date(now + SESSION_LIFETIME_MS),
		createdAt: new Date(now)
	};
	db.insert(sessions).values(session).run();
	return { token, session };
}

export function validateSessionToken(db: DB, token: string, now = Date.now()): SessionValidation {
	const id = hashToken(token);
	// Every request runs this: one statement, compiled once per connection (see db/index.ts), read by
	// hand rather than built by the query builder each time.
	const raw = db.$client
		.prepare(
			`SELECT s.user_id AS userId, s.expires_at AS expiresAt, s.created_at AS createdAt,
			        u.email, u.name, u.locale, u.can_create_studies AS canCreateStudies,
			        u.disabled_at AS disabledAt
			   FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`
		)
		.get(id) as
		| {
				userId: string;
				expiresAt: number;
				createdAt: number;
				email: string;
				name: string;
				locale: User['locale'];
				canCreateStudies: number;
				disabledAt: number | null;
		  }
		| undefined;
	const row = raw && {
		session: {
			id,
			userId: raw.userId,
			expiresAt: new Date(raw.expiresAt),
			createdAt: new Date(raw.createdAt)
		} satisfies Session,
		user: {
			id: raw.userId,
			email: raw.email,
			name: raw.name,
			locale: raw.locale,
			canCreateStudies: raw.canCreateStudies === 1,
			disabledAt: raw.disabledAt === null ? null : new Date(raw.disabledAt)
		}
	};
	if (!row) return { session: null, user: null, fresh: false };
	const { session, user } = row;
	if (now >= session.expiresAt.getTime() || user.disabledAt) {
		db.delete(sessions).where(eq(sessions.id, id)).run();
		return { session: null, user: null, fresh: false };
	}
	let fresh = false;
	if (now >= session.expiresAt.getTime() - SESSION_RENEW_WITHIN_MS) {
		session.expiresAt = new Date(now + SESSION_LIFETIME_MS);
		db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id)).run();
		fresh = true;
	}
	const { disabledAt: _disabled, ...picked } = user;
	return { session, user: picked, fresh };
}

export function invalidateSession(db: DB, sessionId: string): void {
	db.delete(sessions).where(eq(sessions.id, sessionId)).run();
}

export function invalidateUserSessions(db: DB, userId: string): void {
	db.delete(sessions).where(eq(sessions.userId, userId)).run();
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		// Secure wherever the app is served over https (ORIGIN=https://… in production); plain http
		// is only for localhost, where browsers would otherwise drop a Secure cookie.
		secure: url.protocol === 'https:',
		expires: expiresAt,
		path: '/'
	});
}

export function deleteSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/' });
}
