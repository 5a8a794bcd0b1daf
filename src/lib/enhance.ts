/**
 * The progressive enhancement every staff form uses: submit with fetch, re-run the page's load, and
 * keep what the person typed (SvelteKit resets a form after success by default).
 */
import type { SubmitFunction } from '@sveltejs/kit';

export const keepValues: SubmitFunction =
	() =>
	async ({ update }) =>
		update({ reset: false });
