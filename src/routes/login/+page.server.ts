import { m } from '$lib/paraglide/messages';
import { homeFor } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { formObject, safeNext } from '$lib/server/forms';
import { checkPasswordLimited } from '$lib/server/password';
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
		const values = { email: (form.email ?? '').slice(0, 254) };
		const parsed = signInSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				message: m.err_fix_fields(),
				fieldErrors: fieldErrors(parsed.error),
				values
			});
		}
		const { email, password } = parsed.data;
		const user = getUserByEmail(db, email);
		const check = await checkPasswordLimited(db, {
			email,
			ip: getClientAddress(),
			passwordHash: user && !user.disabledAt ? user.passwordHash : null,
			password
		});
		if (!check.ok && check.retryAfter) {
			setHeaders({ 'Retry-After': String(check.retryAfter) });
			return fail(429, {
				message: m.err_signin_blocked({ minutes: Math.ceil(check.retryAfter / 60) }),
				fieldErrors: {} as Record<string, string>,
				values
			});
		}
		if (!check.ok || !user) {
			return fail(400, {
				message: m.err_signin_mismatch(),
				fieldErrors: {} as Record<string, string>,
				values
			});
		}
		const to = safeNext(url.searchParams.get('next')) ?? homeFor(listUserRoles(db, user.id));
		const { token, session } = createSession(db, user.id);
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, to);
	}
};
