import { getDb } from '$lib/server/db';
import { memberships, users } from '$lib/server/db/schema';
import { formObject } from '$lib/server/forms';
import { requireStudyRole } from '$lib/server/guards';
import { createInvitation, listInvitations, revokeInvitation } from '$lib/server/invitations';
import { deliverOutbox, smtpConfigured } from '$lib/server/mail';
import { listPanelists } from '$lib/server/panelists';
import { createPasswordReset } from '$lib/server/password-resets';
import { getConfig } from '$lib/server/config';
import { fieldErrors, inviteSchema } from '$lib/schemas/auth';
import { fail } from '@sveltejs/kit';
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => {
	const db = getDb();
	const { study } = requireStudyRole(db, event, event.params.studyId, 'coordinator');
	const members = db
		.select({ userId: users.id, name: users.name, email: users.email, role: memberships.role })
		.from(memberships)
		.innerJoin(users, eq(users.id, memberships.userId))
		.where(eq(memberships.studyId, study.id))
		.orderBy(asc(memberships.role), asc(users.name))
		.all();
	return {
		study: { id: study.id, title: study.title, isDemo: study.isDemo },
		panel: listPanelists(db, study.id).map((p) => ({
			id: p.id,
			pseudonym: p.pseudonym,
			name: p.name,
			email: p.email,
			affiliation: p.affiliation,
			region: p.region,
			expertise: p.expertise,
			state: p.state,
			userId: p.userId
		})),
		staff: members.filter((m) => m.role !== 'expert'),
		invitations: listInvitations(db, study.id),
		smtp: smtpConfigured()
	};
};

const idSchema = z.object({ id: z.string().min(1).max(64) });

export const actions: Actions = {
	invite: async (event) => {
		const db = getDb();
		const { user, study } = requireStudyRole(db, event, event.params.studyId, 'coordinator');
		const form = formObject(await event.request.formData());
		const parsed = inviteSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, {
				action: 'invite',
				message: 'Please correct the highlighted fields.',
				fieldErrors: fieldErrors(parsed.error),
				values: form
			});
		}
		const already = db
			.select()
			.from(memberships)
			.innerJoin(users, eq(users.id, memberships.userId))
			.where(
				and(
					eq(memberships.studyId, study.id),
					eq(users.email, parsed.data.email),
					eq(memberships.role, parsed.data.role)
				)
			)
			.get();
		if (already) {
			return fail(409, {
				action: 'invite',
				message: `${parsed.data.email} is already a ${parsed.data.role} of this study.`,
				fieldErrors: { email: 'Already a member in this role.' },
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
	revoke: async (event) => {
		const db = getDb();
		const { user, study } = requireStudyRole(db, event, event.params.studyId, 'coordinator');
		const parsed = idSchema.safeParse(formObject(await event.request.formData()));
		if (!parsed.success || !revokeInvitation(db, study.id, parsed.data.id, user.id)) {
			return fail(400, {
				action: 'revoke',
				message: 'That invitation is no longer pending; nothing was changed.'
			});
		}
		return { action: 'revoke', revoked: true };
	},
	reset: async (event) => {
		const db = getDb();
		const { user, study } = requireStudyRole(db, event, event.params.studyId, 'coordinator');
		const parsed = idSchema.safeParse(formObject(await event.request.formData()));
		const member = parsed.success
			? db
					.select({ id: users.id, email: users.email })
					.from(memberships)
					.innerJoin(users, eq(users.id, memberships.userId))
					.where(and(eq(memberships.studyId, study.id), eq(users.id, parsed.data.id)))
					.get()
			: undefined;
		if (!member)
			return fail(400, {
				action: 'reset',
				message: 'That person is not a member of this study; nothing was changed.'
			});
		const reset = createPasswordReset(db, {
			userId: member.id,
			createdBy: user.id,
			studyId: study.id,
			origin: event.url.origin,
			ttlHours: getConfig().RESET_TTL_HOURS
		});
		if (smtpConfigured()) void deliverOutbox(db);
		return { action: 'reset', resetFor: member.email, link: smtpConfigured() ? null : reset.link };
	}
};
