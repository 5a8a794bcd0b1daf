import { m } from '$lib/paraglide/messages';
import { accountAudit } from '$lib/server/audit-view';
import { getDb } from '$lib/server/db';
import { formObject } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { checkPasswordLimited, hashPassword } from '$lib/server/password';
import { invalidateUserSessions, createSession, setSessionCookie } from '$lib/server/session';
import { invalid } from '$lib/server/action';
import { changePassword, getUser, setLocale, updateProfile } from '$lib/server/users';
import { nameSchema, passwordSchema } from '$lib/schemas/auth';
import { fail, redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/server/forms';
import { cookieName, locales } from '$lib/paraglide/runtime';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

const profileSchema = z.object({
	name: nameSchema,
	locale: z.enum(locales, { error: () => m.acct_choose_language() })
});
const passwordChangeSchema = z
	.object({
		current: z
			.string()
			.min(1, { error: () => m.err_invite_enter_password() })
			.max(200),
		password: passwordSchema,
		confirm: z.string().max(200)
	})
	.refine((v) => v.password === v.confirm, {
		path: ['confirm'],
		error: () => m.zod_passwords_differ()
	});

export const load: PageServerLoad = (event) => {
	const user = requireUser(event);
	return {
		account: { name: user.name, email: user.email, locale: user.locale },
		roles: event.locals.roles,
		events: accountAudit(getDb(), { user, limit: 20 }).map((e) => ({
			id: e.id,
			at: e.at,
			action: e.action
		}))
	};
};

const localeSchema = z.object({
	locale: z.enum(locales, { error: () => m.acct_choose_language() }),
	next: z.string().max(2000).optional()
});

export const actions: Actions = {
	/** The language switch in the header: remembered for the person, mirrored in the cookie. */
	locale: async (event) => {
		const user = requireUser(event);
		const parsed = localeSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success) return fail(400, { action: 'locale', message: m.acct_choose_language() });
		const { locale } = parsed.data;
		const to = safeNext(parsed.data.next) ?? '/';
		setLocale(getDb(), user, locale);
		event.cookies.set(cookieName, locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 400 * 24 * 3600
		});
		redirect(303, to);
	},
	profile: async (event) => {
		const user = requireUser(event);
		const parsed = profileSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success) return invalid(parsed.error, { action: 'profile' });
		updateProfile(getDb(), user, parsed.data);
		event.cookies.set(cookieName, parsed.data.locale, {
			path: '/',
			httpOnly: false,
			sameSite: 'lax',
			maxAge: 400 * 24 * 3600
		});
		return { action: 'profile', saved: true };
	},
	password: async (event) => {
		const user = requireUser(event);
		const parsed = passwordChangeSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success) return invalid(parsed.error, { action: 'password' });
		const db = getDb();
		const row = getUser(db, user.id);
		const check = await checkPasswordLimited(db, {
			email: user.email,
			ip: event.getClientAddress(),
			passwordHash: row?.passwordHash ?? null,
			password: parsed.data.current
		});
		if (!check.ok && check.retryAfter) {
			event.setHeaders({ 'Retry-After': String(check.retryAfter) });
			return fail(429, {
				action: 'password',
				message: m.acct_too_many({ minutes: Math.ceil(check.retryAfter / 60) }),
				fieldErrors: {} as Record<string, string>
			});
		}
		if (!row || !check.ok) {
			return fail(400, {
				action: 'password',
				message: m.acct_wrong_current(),
				fieldErrors: { current: m.acct_wrong_password() } as Record<string, string>
			});
		}
		const passwordHash = await hashPassword(parsed.data.password);
		changePassword(db, user.id, passwordHash);
		// Sign out every other device; keep this one signed in with a fresh session.
		invalidateUserSessions(db, user.id);
		const { token, session } = createSession(db, user.id);
		setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		return { action: 'password', saved: true };
	}
};
