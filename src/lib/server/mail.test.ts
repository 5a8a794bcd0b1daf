import nodemailer, { type SendMailOptions } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { outbox } from './db/schema';
import { deliverOutbox, queueMail } from './mail';
import { createTestDb } from './testing/db';

describe('the outbox', () => {
	it('sends what is queued and marks it sent (nodemailer, JSON transport: nothing leaves the machine)', async () => {
		const db = createTestDb();
		queueMail(db, {
			to: 'a@example.org',
			subject: 'Invitation',
			body: 'Open https://x/invite/abc',
			kind: 'invitation',
			link: 'https://x/invite/abc'
		});
		queueMail(db, {
			to: 'b@example.org',
			subject: 'Reminder',
			body: 'Round 1 closes soon',
			kind: 'reminder'
		});
		const sentMessages: string[] = [];
		const transport = nodemailer.createTransport({ jsonTransport: true });
		const spy = {
			sendMail: async (m: SendMailOptions) => {
				sentMessages.push(String(m.to));
				return transport.sendMail(m);
			}
		};
		expect(await deliverOutbox(db, spy as never)).toBe(2);
		expect(sentMessages.sort()).toEqual(['a@example.org', 'b@example.org']);
		expect(
			db
				.select()
				.from(outbox)
				.all()
				.map((m) => m.state)
		).toEqual(['sent', 'sent']);
		expect(await deliverOutbox(db, spy as never)).toBe(0);
	});

	it('records failures, retries, and gives up as "failed" after five attempts', async () => {
		const db = createTestDb();
		queueMail(db, { to: 'c@example.org', subject: 'S', body: 'B', kind: 'reset' });
		const broken = {
			sendMail: async () => {
				throw new Error('connection refused');
			}
		};
		for (let i = 0; i < 4; i++) await deliverOutbox(db, broken as never);
		let row = db.select().from(outbox).get()!;
		expect(row.state).toBe('queued');
		expect(row.attempts).toBe(4);
		expect(row.lastError).toMatch(/connection refused/);
		await deliverOutbox(db, broken as never);
		row = db.select().from(outbox).get()!;
		expect(row.state).toBe('failed');
		expect(await deliverOutbox(db, broken as never)).toBe(0);
	});

	it('without SMTP nothing is sent and the mail stays queued for copying', async () => {
		const db = createTestDb();
		queueMail(db, { to: 'd@example.org', subject: 'S', body: 'B', kind: 'invitation' });
		expect(await deliverOutbox(db, null)).toBe(0);
		expect(db.select().from(outbox).get()!.state).toBe('queued');
	});
});
