/**
 * `npm run account -- reset <email>`: the operator's account recovery. Prints a one-time link that
 * sets a new password for any account (coordinators, authors, experts on several studies — the
 * accounts a study's coordinator may not reset). The link is printed here only: it is not mailed and
 * not kept in the outbox. The reset is audited as an account event (`npm run audit -- --accounts`).
 *
 * Uses DATABASE_URL (default ./data/concord.db) and ORIGIN (default http://localhost:$PORT).
 */
import { getConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/index';
import { createPasswordReset } from '../src/lib/server/password-resets';
import { getUserByEmail } from '../src/lib/server/users';

const [command, email] = process.argv.slice(2);
if (command !== 'reset' || !email) {
	console.error('Usage: npm run account -- reset <email>');
	process.exit(2);
}
const config = getConfig();
const db = openDatabase(config.DATABASE_URL);
const user = getUserByEmail(db, email);
if (!user) {
	console.error(`No account with the email ${email} in ${config.DATABASE_URL}.`);
	process.exit(1);
}
const origin = config.ORIGIN ?? `http://localhost:${config.PORT}`;
const reset = createPasswordReset(db, {
	userId: user.id,
	origin,
	ttlHours: config.RESET_TTL_HOURS,
	issuer: { by: 'operator' }
});
console.log(
	`One-time link for ${user.name} <${user.email}> (works once, until ${reset.expiresAt.toISOString()}):`
);
console.log(reset.link);
db.$client.close();
