import { z } from 'zod';

const bool = z
	.enum(['1', '0', 'true', 'false', 'on', 'off', 'yes', 'no'])
	.transform((v) => ['1', 'true', 'on', 'yes'].includes(v));

const configSchema = z.object({
	DATABASE_URL: z.string().min(1).default('./data/concord.db'),
	ORIGIN: z.url().optional(),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	/** Seed the demo study (with its public demo passwords) into an empty database. */
	CONCORD_DEMO: bool.default(true),
	/** e.g. smtp://user:pass@mail.example.org:587 — when unset, mail stays in the outbox for copying. */
	SMTP_URL: z.string().optional(),
	MAIL_FROM: z.string().default('Concord <no-reply@localhost>'),
	INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(60).default(7),
	RESET_TTL_HOURS: z.coerce.number().int().min(1).max(168).default(24),
	/** Threads that render pages off the event loop (render-pool.ts); 0 renders on the main thread. */
	CONCORD_RENDER_THREADS: z.coerce.number().int().min(0).max(8).optional()
});

export type Config = z.infer<typeof configSchema>;

let cached: Config | null = null;

/** Environment configuration, validated once; a bad value stops the server with a clear message. */
export function getConfig(env: Record<string, string | undefined> = process.env): Config {
	if (cached && env === process.env) return cached;
	const parsed = configSchema.safeParse(
		Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''))
	);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
		throw new Error(`Invalid configuration: ${problems}`);
	}
	if (env === process.env) cached = parsed.data;
	return parsed.data;
}

/** The public base URL used in links sent by mail. */
export function publicOrigin(fallback: string): string {
	return (process.env.ORIGIN ?? fallback).replace(/\/$/, '');
}
