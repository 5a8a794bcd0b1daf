/**
 * `npm run seed`: applies the migrations and seeds the demo study (with its public demo accounts)
 * into the database at DATABASE_URL (default ./data/concord.db) — only when it is empty, as `npm start`
 * does in demo mode. Says what it did.
 */
import { getConfig } from '../src/lib/server/config';
import { openDatabase } from '../src/lib/server/db/index';
import { demoSignInText, ensureDemo } from '../src/lib/server/demo/seed';

const config = getConfig();
const db = openDatabase(config.DATABASE_URL);
const seeded = await ensureDemo(db);
console.log(
	seeded
		? `Seeded the demo study into ${config.DATABASE_URL}.\n${demoSignInText('').split('\n').slice(1).join('\n')}`
		: `${config.DATABASE_URL} already holds data: nothing was seeded.`
);
db.$client.close();
