/**
 * The request's language, where Paraglide's messages read it: the store its own middleware would set
 * up. That middleware also copies every request (body stream included) to de-localise URLs, which
 * this app does not use (no URL strategy) — the copy was a tenth of a draft save's server time. The
 * server's hook, the heavy-work thread (which renders pages in the asker's language) and tests use
 * this one store.
 */
import {
	getServerAsyncLocalStorage,
	overwriteServerAsyncLocalStorage,
	type Locale
} from '$lib/paraglide/runtime';
import { AsyncLocalStorage } from 'node:async_hooks';

type LocaleStore = { locale?: Locale; origin?: string; messageCalls?: Set<string> };

const store =
	(getServerAsyncLocalStorage() as AsyncLocalStorage<LocaleStore> | undefined) ??
	new AsyncLocalStorage<LocaleStore>();
overwriteServerAsyncLocalStorage(store);

/** Runs `fn` with `locale` as the language every message inside it (and its awaits) reads. */
export function runInLocale<T>(locale: Locale, fn: () => T, origin = 'http://localhost'): T {
	return store.run({ locale, origin, messageCalls: new Set() }, fn);
}
