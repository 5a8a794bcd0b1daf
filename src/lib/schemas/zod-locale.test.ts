import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Locale } from '../paraglide/runtime';
import { runInLocale } from '../server/locale-store';
import { resetPasswordSchema, signInSchema } from './auth';

/** Parses as a request in `locale` would (the store the server sets up per request). */
const inLocale = <T>(locale: Locale, run: () => T): T => runInLocale(locale, run);
// Read inside the request's context: zod makes a message when it is first read.
const messages = (r: { success: boolean; error?: z.ZodError }) =>
	r.error!.issues.map((i) => i.message);

describe('form messages in the reader’s language', () => {
	it('our own messages', () => {
		const bad = { email: 'not-an-address', password: '' };
		expect(inLocale('en', () => messages(signInSchema.safeParse(bad)))).toContain(
			'Enter a valid email address, like name@example.org.'
		);
		expect(inLocale('zh', () => messages(signInSchema.safeParse(bad)))).toContain(
			'请输入您的密码。'
		);
		expect(
			inLocale('ar', () =>
				messages(
					resetPasswordSchema.safeParse({ password: 'long enough 1', confirm: 'other one 1' })
				)
			)
		).toEqual(['كلمتا المرور غير متطابقتين.']);
	});

	it("zod's own, where a check names no message", () => {
		const schema = z.object({ n: z.number() });
		const en = inLocale('en', () => messages(schema.safeParse({ n: 'x' })))[0];
		const zh = inLocale('zh', () => messages(schema.safeParse({ n: 'x' })))[0];
		const ar = inLocale('ar', () => messages(schema.safeParse({ n: 'x' })))[0];
		expect(en).toMatch(/expected number/i);
		expect(zh).toMatch(/[\u4e00-\u9fff]/);
		expect(ar).toMatch(/[\u0600-\u06ff]/);
	});
});
