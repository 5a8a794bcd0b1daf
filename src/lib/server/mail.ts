import { and, eq, lt } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import { getConfig } from './config';
import type { DB, Tx } from './db';
import { outbox } from './db/schema';
import { generateId } from './tokens';

export type MailKind = 'invitation' | 'reset' | 'reminder';
export type OutgoingMail = {
	to: string;
	subject: string;
	body: string;
	kind: MailKind;
	relatedId?: string;
	link?: string;
};

/** Queues a message in the outbox (inside the caller's transaction); delivery happens afterwards. */
export function queueMail(tx: Tx, mail: OutgoingMail): string {
	const id = generateId();
	tx.insert(outbox)
		.values({
			id,
			toEmail: mail.to,
			subject: mail.subject,
			body: mail.body,
			kind: mail.kind,
			relatedId: mail.relatedId ?? null,
			link: mail.link ?? null
		})
		.run();
	return id;
}

export function smtpConfigured(): boolean {
	return Boolean(getConfig().SMTP_URL);
}

let transporter: Transporter | null = null;
function getTransporter(): Transporter | null {
	const url = getConfig().SMTP_URL;
	if (!url) return null;
	transporter ??= nodemailer.createTransport(url);
	return transporter;
}

const MAX_ATTEMPTS = 5;

/**
 * Sends what is queued when SMTP is configured; without SMTP the messages stay queued and the
 * coordinator copies the links from the invitations page. Never throws: failures are recorded.
 */
export async function deliverOutbox(
	db: DB,
	transport: Transporter | null = getTransporter()
): Promise<number> {
	if (!transport) return 0;
	const queued = db
		.select()
		.from(outbox)
		.where(and(eq(outbox.state, 'queued'), lt(outbox.attempts, MAX_ATTEMPTS)))
		.limit(50)
		.all();
	let sent = 0;
	for (const m of queued) {
		try {
			await transport.sendMail({
				from: getConfig().MAIL_FROM,
				to: m.toEmail,
				subject: m.subject,
				text: m.body
			});
			db.update(outbox)
				.set({ state: 'sent', sentAt: new Date(), attempts: m.attempts + 1 })
				.where(eq(outbox.id, m.id))
				.run();
			sent++;
		} catch (e) {
			const attempts = m.attempts + 1;
			db.update(outbox)
				.set({
					attempts,
					lastError: String(e).slice(0, 500),
					state: attempts >= MAX_ATTEMPTS ? 'failed' : 'queued'
				})
				.where(eq(outbox.id, m.id))
				.run();
		}
	}
	return sent;
}
