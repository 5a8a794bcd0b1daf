import { openDatabase, type DB } from '../db';
import { eq } from 'drizzle-orm';
import { memberships, studies, users } from '../db/schema';
import { DEFAULT_STUDY_SETTINGS } from '../../schemas/study';
import { generateId } from '../tokens';

/** A private in-memory database with the real migrations applied. */
export function createTestDb(): DB {
	return openDatabase(':memory:');
}

/** A coordinator and a study to hang invitations on. */
export function seedMinimal(db: DB, email = 'coord@test.org') {
	const coordinatorId = generateId();
	const studyId = generateId();
	db.insert(users)
		.values({ id: coordinatorId, email, name: 'Coordinator', passwordHash: 'x' })
		.run();
	db.insert(studies)
		.values({
			id: studyId,
			slug: 's-' + studyId,
			title: 'Test study',
			settings: DEFAULT_STUDY_SETTINGS
		})
		.run();
	db.insert(memberships).values({ studyId, userId: coordinatorId, role: 'coordinator' }).run();
	return { coordinatorId, studyId };
}

/** A seeded person by email (the demo's accounts in tests); throws when there is none. */
export function userByEmail(db: DB, email: string) {
	const u = db.select().from(users).where(eq(users.email, email)).get();
	if (!u) throw new Error(`no user ${email}`);
	return u;
}
