import { plural } from '$lib/words';
import { m } from '$lib/paraglide/messages';
import { getConfig } from '$lib/server/config';
import { failFrom } from '$lib/server/action';
import { getDb } from '$lib/server/db';
import { formObject } from '$lib/server/forms';
import { requireCoordinator } from '$lib/server/guards';
import { panelView } from '$lib/server/panel-view';
import {
	createInvitation,
	createInvitationTx,
	getStudyInvitation,
	revokeInvitation
} from '$lib/server/invitations';
import { deliverOutbox, smtpConfigured } from '$lib/server/mail';
import { getPanelist, seatedEmails } from '$lib/server/panelists';
import { getUser, isStudyMember } from '$lib/server/users';
import { createPasswordReset } from '$lib/server/password-resets';
import { sendReminder } from '$lib/server/rounds';
import { fieldErrors, inviteSchema } from '$lib/schemas/auth';
import { parseExpertsCsv } from '$lib/schemas/panel';
import { currentSettings } from '$lib/server/studies';
import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

const MAX_CSV_BYTES = 512 * 1024;

export const load: PageServerLoad = (event) => {
	const { study } = requireCoordinator(event);
	return panelView(getDb(), study, event.url.origin);
};

const idSchema = z.object({ id: z.string().min(1).max(64) });

export const actions: Actions = {
	invite: async (event) => {
		const db = getDb();
		const { user, study } = requireCoordinator(event);
		const form = formObject(await event.request.formData());
		const parsed = inviteSchema.safeParse(form);
		if (!parsed.success)
			return fail(400, {
				action: 'invite',
				message: m.err_fix_fields(),
				fieldErrors: fieldErrors(parsed.error),
				values: form
			});
		if (isStudyMember(db, study.id, parsed.data.email, parsed.data.role)) {
			return fail(409, {
				action: 'invite',
				message: `${parsed.data.email} is already a ${parsed.data.role} of this study.`,
				fieldErrors: { email: m.staff_err_already_member() } as Record<string, string>,
				values: form
			});
		}
		const inv = createInvitation(db, {
			...parsed.data,
			studyId: study.id,
			invitedBy: user.id,
			origin: event.url.origin,
			ttlDays: getConfig().INVITATION_TTL_DAYS,
			ip: event.getClientAddress()
		});
		if (smtpConfigured()) void deliverOutbox(db);
		return {
			action: 'invite',
			invited: parsed.data.email,
			link: smtpConfigured() ? null : inv.link
		};
	},
	/** A CSV of experts: all of them are invited, or — when any row has a problem — none. */
	importCsv: async (event) => {
		const db = getDb();
		const { user, study } = requireCoordinator(event);
		const file = (await event.request.formData()).get('file');
		if (!(file instanceof File) || file.size === 0)
			return fail(400, { action: 'importCsv', message: m.staff_err_choose_csv() });
		if (file.size > MAX_CSV_BYTES)
			return fail(400, {
				action: 'importCsv',
				message: m.staff_err_larger_512kb()
			});
		const { rows, problems } = parseExpertsCsv(await file.text());
		const seated = seatedEmails(db, study.id);
		rows.forEach((r, i) => {
			if (seated.has(r.email))
				problems.push({
					row: i + 2,
					column: 'email',
					message: `${r.email} is already on this panel (resend their invitation instead).`
				});
		});
		if (problems.length)
			return fail(400, {
				action: 'importCsv',
				message: plural(m.staff_err_file_problems_one, m.staff_err_file_problems_other, {
					n: problems.length
				}),
				problems
			});
		const origin = event.url.origin;
		const ttlDays = getConfig().INVITATION_TTL_DAYS;
		db.transaction((tx) => {
			for (const r of rows)
				createInvitationTx(tx, {
					...r,
					role: 'expert',
					studyId: study.id,
					invitedBy: user.id,
					origin,
					ttlDays,
					ip: event.getClientAddress()
				});
		});
		if (smtpConfigured()) void deliverOutbox(db);
		return { action: 'importCsv', imported: rows.length };
	},
	resend: async (event) => {
		const db = getDb();
		const { user, study } = requireCoordinator(event);
		const parsed = idSchema.safeParse(formObject(await event.request.formData()));
		const inv = parsed.success ? getStudyInvitation(db, study.id, parsed.data.id) : null;
		if (!inv || inv.state === 'accepted')
			return fail(400, {
				action: 'resend',
				message: m.staff_err_cannot_resend()
			});
		const seat = inv.panelistId ? getPanelist(db, inv.panelistId) : null;
		const again = createInvitation(db, {
			studyId: study.id,
			email: inv.email,
			name: inv.name,
			role: inv.role,
			affiliation: seat?.affiliation,
			region: seat?.region,
			expertise: seat?.expertise,
			invitedBy: user.id,
			origin: event.url.origin,
			ttlDays: getConfig().INVITATION_TTL_DAYS,
			ip: event.getClientAddress()
		});
		if (smtpConfigured()) void deliverOutbox(db);
		return { action: 'invite', invited: inv.email, link: smtpConfigured() ? null : again.link };
	},
	revoke: async (event) => {
		const db = getDb();
		const { user, study } = requireCoordinator(event);
		const parsed = idSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success || !revokeInvitation(db, study.id, parsed.data.id, user.id)) {
			return fail(400, {
				action: 'revoke',
				message: m.staff_err_not_pending()
			});
		}
		return { action: 'revoke', revoked: true };
	},
	remind: async (event) => {
		const db = getDb();
		const { user, study } = requireCoordinator(event);
		const settings = currentSettings(db, study.id);
		try {
			const plan = sendReminder(db, {
				studyId: study.id,
				origin: event.url.origin,
				intervalHours: settings.reminderIntervalHours,
				actorId: user.id
			});
			if (smtpConfigured()) void deliverOutbox(db);
			return { action: 'remind', reminded: plan.recipients.length };
		} catch (e) {
			return failFrom(e, { action: 'remind' });
		}
	},
	reset: async (event) => {
		const db = getDb();
		const { user, study } = requireCoordinator(event);
		const parsed = idSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success)
			return fail(400, { action: 'reset', message: m.staff_err_choose_expert() });
		try {
			const reset = createPasswordReset(db, {
				userId: parsed.data.id,
				origin: event.url.origin,
				ttlHours: getConfig().RESET_TTL_HOURS,
				issuer: { by: 'coordinator', createdBy: user.id, studyId: study.id }
			});
			const email = getUser(db, parsed.data.id)!.email;
			if (smtpConfigured()) void deliverOutbox(db);
			return { action: 'reset', resetFor: email, link: smtpConfigured() ? null : reset.link };
		} catch (e) {
			return failFrom(e, { action: 'reset' });
		}
	}
};
