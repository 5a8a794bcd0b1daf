import { locales } from '../paraglide/runtime';
import { z } from 'zod';

export const emailSchema = z
	.string({ error: 'Enter an email address.' })
	.max(254, { error: 'An email address has at most 254 characters.' })
	.trim()
	.toLowerCase()
	.pipe(z.email({ error: 'Enter a valid email address, like name@example.org.' }));

export const passwordSchema = z
	.string({ error: 'Enter a password.' })
	.min(10, { error: 'Use at least 10 characters.' })
	.max(200, { error: 'Use at most 200 characters.' });

export const nameSchema = z
	.string({ error: 'Enter your name.' })
	.trim()
	.min(1, { error: 'Enter your name.' })
	.max(120, { error: 'Use at most 120 characters.' });

export const signInSchema = z.object({
	email: emailSchema,
	password: z
		.string({ error: 'Enter your password.' })
		.min(1, { error: 'Enter your password.' })
		.max(200)
});

export const setPasswordSchema = z
	.object({ name: nameSchema, password: passwordSchema, confirm: z.string().max(200) })
	.refine((v) => v.password === v.confirm, {
		path: ['confirm'],
		error: 'The two passwords do not match.'
	});

export const resetPasswordSchema = z
	.object({ password: passwordSchema, confirm: z.string().max(200) })
	.refine((v) => v.password === v.confirm, {
		path: ['confirm'],
		error: 'The two passwords do not match.'
	});

export const inviteSchema = z.object({
	name: nameSchema,
	email: emailSchema,
	role: z.enum(['expert', 'coordinator', 'author'], { error: 'Choose a role.' }),
	affiliation: z.string().trim().max(200).default(''),
	region: z.string().trim().max(80).default(''),
	expertise: z.string().trim().max(80).default(''),
	/** The language the invitation is written in (and the new account's). */
	locale: z.enum(locales, { error: 'Choose the language of the invitation.' }).default('en')
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
