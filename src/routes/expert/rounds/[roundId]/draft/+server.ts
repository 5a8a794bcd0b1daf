import { getDb } from '$lib/server/db';
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
		return json({ message: 'The request was not valid JSON.' }, { status: 400 });
	}
	const parsed = draftSchema.safeParse(body);
	if (!parsed.success)
		return json(
			{ message: parsed.error.issues[0]?.message ?? 'Invalid answers.' },
			{ status: 400 }
		);
	try {
		const ctx = expertContext(getDb(), user.id, event.params.roundId);
		return json(saveDraft(getDb(), ctx, parsed.data));
	} catch (e) {
		if (e instanceof ResponseError) return json({ message: e.message }, { status: e.status });
		throw e;
	}
};
