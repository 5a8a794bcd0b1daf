/**
 * `npm run audit -- --accounts [--since YYYY-MM-DD] [--limit N]`: account-level events — sign-in
 * blocks, password resets and changes, profile and language changes — which belong to no study and
 * so appear on no study's audit page. Prints CSV (UTF-8) to standard output.
 */
import { accountAudit, auditCsv } from '../src/lib/server/audit-view';
import { getConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/index';

const args = process.argv.slice(2);
const flag = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
if (!args.includes('--accounts')) {
	console.error('Usage: npm run audit -- --accounts [--since YYYY-MM-DD] [--limit N]');
	process.exit(2);
}
const since = flag('--since');
if (since && !/^\d{4}-\d{2}-\d{2}$/.test(since)) {
	console.error('--since takes a date like 2026-12-01.');
	process.exit(2);
}
const limit = Number(flag('--limit') ?? 10_000);
const db = openDatabase(getConfig().DATABASE_URL);
process.stdout.write(
	auditCsv(
		accountAudit(db, {
			from: since ? new Date(`${since}T00:00:00Z`) : undefined,
			limit: Number.isInteger(limit) && limit > 0 ? limit : 10_000
		})
	)
);
db.$client.close();
