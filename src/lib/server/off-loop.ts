/**
 * A heavy page's load, run in the heavy-work thread (heavy.ts): the page's whole derivation — ranking,
 * Monte Carlo, every round's figures — leaves the event loop, on a database connection of the
 * thread's own (WAL: readers never wait for the writer), and only what the page shows comes back.
 */
import type { appendixPage, editionReviewPage } from './edition-review';
import { runHeavy, type ReadJob } from './heavy';
import type { previewFor } from './preview';
import { getLocale } from '$lib/paraglide/runtime';

type ReadResult<J extends ReadJob> = J extends { read: 'edition-review' }
	? Awaited<ReturnType<typeof editionReviewPage>>
	: J extends { read: 'appendix' }
		? Awaited<ReturnType<typeof appendixPage>>
		: ReturnType<typeof previewFor>;

/** The job runs in the asker's language (its page's words are made in the thread). */
export function offLoop<J extends ReadJob>(job: J): Promise<ReadResult<J>> {
	return runHeavy({ kind: 'read', job, locale: getLocale() }) as Promise<ReadResult<J>>;
}
