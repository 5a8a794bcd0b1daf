import { m } from '$lib/paraglide/messages';
import { getDb, inWriteBatch } from '$lib/server/db';
import { requireRole } from '$lib/server/guards';
import { ResponseError, expertContext, saveDraft } from '$lib/server/responses';
import { draftSchema } from '$lib/schemas/response';
import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Autosave of the expert's draft (JSON). The same rules as the no-JavaScript form action. */
export const POST: RequestHandler = async (event) => {
	const user = requireRole(event, 'expert');
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		return json({ message: m.err_not_json() }, { status: 400 });
	}
	const parsed = draftSchema.safeParse(body);
	if (!parsed.success)
		return json(
			{ message: parsed.error.issues[0]?.message ?? m.err_answers_unreadable() },
			{ status: 400 }
		);
	try {
		const db = getDb();
		// Saves that arrive together commit together, each still checked and applied on its own (see
		// inWriteBatch): who may answer is read inside, so a round closed meanwhile refuses the save.
		const saved = await inWriteBatch(db, () =>
			saveDraft(db, expertContext(db, user.id, event.params.roundId), parsed.data)
		);
		return json(saved);
	} catch (e) {
		if (e instanceof ResponseError) return json({ message: e.message }, { status: e.status });
		throw e;
	}
};
