import { m } from '$lib/paraglide/messages';
import { homeFor } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { formObject } from '$lib/server/forms';
import { hashPassword } from '$lib/server/password';
import {
	checkPasswordReset,
	consumePasswordReset,
	type ResetStatus
} from '$lib/server/password-resets';
import { createSession, setSessionCookie } from '$lib/server/session';
import { getUser, listUserRoles } from '$lib/server/users';
import { fieldErrors, resetPasswordSchema } from '$lib/schemas/auth';
import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

function refuse(status: ResetStatus): never {
	if (status === 'used') error(410, m.err_reset_used());
	if (status === 'expired') error(410, m.err_reset_expired());
	error(404, m.err_reset_unknown());
}

export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const { status, reset } = checkPasswordReset(db, params.token);
	if (status !== 'valid' || !reset) refuse(status);
	const user = getUser(db, reset.userId);
	return { email: user?.email ?? '' };
};

export const actions: Actions = {
	default: async ({ params, request, cookies, url }) => {
		const db = getDb();
		const { status } = checkPasswordReset(db, params.token);
		if (status !== 'valid') refuse(status);
		const parsed = resetPasswordSchema.safeParse(formObject(await request.formData()));
		if (!parsed.success)
			return fail(400, {
				message: m.err_fix_fields(),
				fieldErrors: fieldErrors(parsed.error)
			});
		const result = consumePasswordReset(db, params.token, await hashPassword(parsed.data.password));
		if ('error' in result) refuse(result.error);
		const { token, session } = createSession(db, result.userId);
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, homeFor(listUserRoles(db, result.userId)));
	}
};
