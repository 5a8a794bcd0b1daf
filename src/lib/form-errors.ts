/** The field errors an action returned, typed loosely for templates (ActionData unions lose them). */
export function fieldErrorsOf(form: unknown): Record<string, string> {
	const fe = (form as { fieldErrors?: unknown } | null | undefined)?.fieldErrors;
	return fe && typeof fe === 'object' ? (fe as Record<string, string>) : {};
}
