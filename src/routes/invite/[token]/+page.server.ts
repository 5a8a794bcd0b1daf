import { m } from '$lib/paraglide/messages';
import { homeFor } from '$lib/server/access';
import { getDb } from '$lib/server/db';
import { formObject } from '$lib/server/forms';
import {
	InvitationError,
	acceptInvitation,
	checkInvitation,
	type InvitationStatus
} from '$lib/server/invitations';
import { checkPasswordLimited, hashPassword } from '$lib/server/password';
import { createSession, setSessionCookie } from '$lib/server/session';
import { getStudy } from '$lib/server/studies';
import { getUserByEmail, listUserRoles } from '$lib/server/users';
import { setPasswordSchema } from '$lib/schemas/auth';
import { invalid } from '$lib/server/action';
import { error, fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

// Messages are functions: each renders in the visitor's language at the time of the request.
const MESSAGES: Record<Exclude<InvitationStatus, 'valid'>, [number, () => string]> = {
	unknown: [404, m.err_invite_unknown],
	accepted: [410, m.err_invite_accepted],
	expired: [410, m.err_invite_expired],
	revoked: [410, m.err_invite_revoked]
};

function refuse(status: InvitationStatus): never {
	const [code, message] =
		MESSAGES[status as Exclude<InvitationStatus, 'valid'>] ?? MESSAGES.unknown;
	error(code, message());
}

export const load: PageServerLoad = ({ params }) => {
	const db = getDb();
	const { status, invitation } = checkInvitation(db, params.token);
	if (status !== 'valid' || !invitation) refuse(status);
	const study = getStudy(db, invitation.studyId);
	return {
		invitation: {
			email: invitation.email,
			name: invitation.name,
			role: invitation.role,
			expiresAt: invitation.expiresAt
		},
		studyTitle: study?.title ?? '',
		hasAccount: getUserByEmail(db, invitation.email) !== null
	};
};

const existingAccountSchema = z.object({
	password: z.string().min(1, { error: m.err_invite_enter_password() }).max(200)
});

export const actions: Actions = {
	default: async ({ params, request, cookies, url, getClientAddress }) => {
		const db = getDb();
		const { status, invitation } = checkInvitation(db, params.token);
		if (status !== 'valid' || !invitation) refuse(status);
		const form = formObject(await request.formData());
		const existing = getUserByEmail(db, invitation.email);
		let userId: string;
		try {
			if (existing) {
				const parsed = existingAccountSchema.safeParse(form);
				if (!parsed.success)
					return invalid(parsed.error, { message: m.err_invite_enter_password() });
				// The same limits as sign-in: an invitation link must not become a password oracle.
				const check = await checkPasswordLimited(db, {
					email: existing.email,
					ip: getClientAddress(),
					passwordHash: existing.disabledAt ? null : existing.passwordHash,
					password: parsed.data.password
				});
				if (!check.ok && check.retryAfter)
					return fail(429, {
						message: m.err_signin_blocked({ minutes: Math.ceil(check.retryAfter / 60) }),
						fieldErrors: {} as Record<string, string>,
						values: {}
					});
				if (!check.ok) {
					return fail(400, {
						message: m.err_invite_wrong_password(),
						fieldErrors: { password: m.err_wrong_password() } as Record<string, string>,
						values: {}
					});
				}
				userId = acceptInvitation(
					db,
					params.token,
					{ kind: 'existing', userId: existing.id },
					Date.now(),
					getClientAddress()
				).userId;
			} else {
				const parsed = setPasswordSchema.safeParse(form);
				if (!parsed.success) {
					return invalid(parsed.error, {
						message: m.err_fix_fields(),
						values: { name: form.name ?? '' }
					});
				}
				const passwordHash = await hashPassword(parsed.data.password);
				userId = acceptInvitation(
					db,
					params.token,
					{ kind: 'new', name: parsed.data.name, passwordHash },
					Date.now(),
					getClientAddress()
				).userId;
			}
		} catch (e) {
			if (e instanceof InvitationError) {
				if (e.state === 'account-exists')
					return fail(409, {
						message: m.err_invite_account_exists(),
						fieldErrors: {} as Record<string, string>,
						values: {}
					});
				refuse(e.state);
			}
			throw e;
		}
		const { token, session } = createSession(db, userId);
		setSessionCookie(cookies, url, token, session.expiresAt);
		redirect(303, homeFor(listUserRoles(db, userId)));
	}
};
