/**
 * Route-layer glue: a DomainError thrown by the data layer becomes the form action's `fail()`, with
 * the one payload shape the pages read ({ action?, message, … }); anything else is rethrown (a bug).
 */
import { fail } from '@sveltejs/kit';
import { DomainError } from './errors';

/** `fail(status, { ...extra, message })` for a DomainError; rethrows anything else. */
export function failFrom(e: unknown, extra: Record<string, unknown> = {}) {
	if (e instanceof DomainError) return fail(e.status, { ...extra, message: e.message });
	throw e;
}

/** Runs a change for a named form action; a DomainError becomes fail(status, { action, message }). */
export function runAction<T>(action: string, run: () => T) {
	try {
		return run();
	} catch (e) {
		return failFrom(e, { action });
	}
}
