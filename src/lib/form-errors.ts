/** The field errors an action returned, typed loosely for templates (ActionData unions lose them). */
export function fieldErrorsOf(form: unknown): Record<string, string> {
	const fe = (form as { fieldErrors?: unknown } | null | undefined)?.fieldErrors;
	return fe && typeof fe === 'object' ? (fe as Record<string, string>) : {};
}

/**
 * An action's failure in the one shape every action returns — `{ action?, message?, fieldErrors?,
 * values? }` plus what that page's action adds (T) — typed for templates, since SvelteKit's ActionData
 * union loses the fields that only some actions return. `null` (no action ran) reads as `{}`.
 */
export type Failure<T = unknown> = {
	action?: string;
	message?: string;
	fieldErrors?: Record<string, string>;
	values?: Record<string, string>;
} & Partial<T>;
export function failure<T = unknown>(form: unknown): Failure<T> {
	return form && typeof form === 'object' ? (form as Failure<T>) : {};
}
