/**
 * Route-layer glue: every action failure has one payload shape —
 * `{ action?, message, fieldErrors?, values?, …page extras }` (read in pages with `failure()` from
 * $lib/form-errors). A DomainError thrown by the data layer becomes that `fail()`; a zod error on a
 * form becomes it with each field's first message; anything else is rethrown (a bug, a 500).
 */
import { m } from '../paraglide/messages';
import { fail } from '@sveltejs/kit';
import type { z } from 'zod';
import { fieldErrors } from '../schemas/auth';
import { DomainError } from './errors';

export type FailPayload = {
	action?: string;
	message: string;
	fieldErrors?: Record<string, string>;
	values?: Record<string, string>;
};

/** `fail(status, { ...extra, message })` for a DomainError; rethrows anything else. */
export function failFrom(e: unknown, extra: Omit<Partial<FailPayload>, 'message'> & object = {}) {
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

/**
 * A form that did not parse: 400 with each field's first message, the summary the page shows above
 * the form, and (when given) the values to echo back so nothing typed is lost.
 */
export function invalid(
	error: z.ZodError,
	o: { action?: string; values?: Record<string, string>; message?: string } = {}
) {
	return fail(400, {
		...(o.action ? { action: o.action } : {}),
		message: o.message ?? m.err_fix_fields(),
		fieldErrors: fieldErrors(error),
		...(o.values ? { values: o.values } : {})
	});
}
