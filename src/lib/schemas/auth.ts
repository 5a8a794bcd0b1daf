import { locales } from '../paraglide/runtime';
import { m } from '../paraglide/messages';
import { z } from 'zod';
import './zod-locale';

// Messages are functions: each is made when a check fails, in the language of the request.

export const emailSchema = z
	.string({ error: () => m.zod_email_required() })
	.max(254, { error: () => m.zod_email_too_long() })
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: () => m.zod_email_invalid() }));

export const passwordSchema = z
	.string({ error: () => m.zod_password_required() })
	.min(10, { error: () => m.zod_password_short() })
	.max(200, { error: () => m.zod_at_most({ max: 200 }) });

export const nameSchema = z
	.string({ error: () => m.zod_name_required() })
	.trim()
	.min(1, { error: () => m.zod_name_required() })
	.max(120, { error: () => m.zod_at_most({ max: 120 }) });

export const signInSchema = z.object({
	email: emailSchema,
	password: z
		.string({ error: () => m.zod_password_enter() })
		.min(1, { error: () => m.zod_password_enter() })
		.max(200)
});

export const setPasswordSchema = z
	.object({ name: nameSchema, password: passwordSchema, confirm: z.string().max(200) })
	.refine((v) => v.password === v.confirm, {
		path: ['confirm'],
		error: () => m.zod_passwords_differ()
	});

export const resetPasswordSchema = z
	.object({ password: passwordSchema, confirm: z.string().max(200) })
	.refine((v) => v.password === v.confirm, {
		path: ['confirm'],
		error: () => m.zod_passwords_differ()
	});

export const inviteSchema = z.object({
	name: nameSchema,
	email: emailSchema,
	role: z.enum(['expert', 'coordinator', 'author'], { error: () => m.staff_err_choose_role() }),
	affiliation: z.string().trim().max(200).default(''),
	region: z.string().trim().max(80).default(''),
	expertise: z.string().trim().max(80).default(''),
	/** The language the invitation is written in (and the new account's). */
	locale: z.enum(locales, { error: () => m.staff_err_choose_language() }).default('en')
});

/** Field errors as { field: first message } for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
	const out: Record<string, string> = {};
	for (const issue of error.issues) {
		const key = String(issue.path[0] ?? 'form');
		out[key] ??= issue.message;
	}
	return out;
}
