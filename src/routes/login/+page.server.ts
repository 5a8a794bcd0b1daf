import { m } from '$lib/paraglide/messages';
import { homeFor } from '$lib/server/access';
import { appendAudit } from '$lib/server/audit';
import { getDb } from '$lib/server/db';
import { formObject, safeNext } from '$lib/server/forms';
import { decoyHash, verifyPassword } from '$lib/server/password';
import {
	SIGNIN_PER_ACCOUNT,
	SIGNIN_PER_ADDRESS,
	clearFailures,
	recordFailure,
	retryAfterSeconds
} from '$lib/server/rate-limit';
import { createSession, setSessionCookie } from '$lib/server/session';
import { getUserByEmail, listUserRoles } from '$lib/server/users';
import { fieldErrors, signInSchema } from '$lib/schemas/auth';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')) ?? homeFor(locals.roles));
	return { next: safeNext(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async (event) => {
		const { request, cookies, url, getClientAddress, setHeaders } = event;
		const db = getDb();
		const form = formObject(await request.formData());
		const values = { email: form.email ?? '' };
		const parsed = signInSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				message: m.err_fix_fields(),
				fieldErrors: fieldErrors(parsed.error),
				values
			});
		}
		const { email, password } = parsed.data;
		const ip = getClientAddress();
		const accountKey = `email:${email}`;
		const addressKey = `ip:${ip}`;
		const wait = Math.max(retryAfterSeconds(db, accountKey), retryAfterSeconds(db, addressKey));
		if (wait > 0) {
			setHeaders({ 'Retry-After': String(wait) });
			return fail(429, {
				message: m.err_signin_blocked({ minutes: Math.ceil(wait / 60) }),
				fieldErrors: {} as Record<string, string>,
				values
			});
		}
		const user = getUserByEmail(db, email);
		const ok =
			user && !user.disabledAt
				? await verifyPassword(user.passwordHash, password)
				: (await verifyPassword(await decoyHash(), password), false);
		if (!ok || !user) {
			const blockedAccount = recordFailure(db, accountKey, SIGNIN_PER_ACCOUNT);
			const blockedAddress = recordFailure(db, addressKey, SIGNIN_PER_ADDRESS);
			if (blockedAccount || blockedAddress) {
				appendAudit(db, {
					actorId: null,
					action: 'auth.signin_blocked',
					targetType: blockedAccount ? 'account' : 'address',
					targetId: blockedAccount ? email : ip,
					after: { email, ip },
					ip
				});
			}
			return fail(400, {
				message: m.err_signin_mismatch(),
				fieldErrors: {} as Record<string, string>,
				values
			});
		}
		clearFailures(db, accountKey);
		const { token, session } = createSession(db, user.id);
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, safeNext(url.searchParams.get('next')) ?? homeFor(listUserRoles(db, user.id)));
	}
};
