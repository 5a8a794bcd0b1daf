/**
 * The one shape of an expected failure in the data layer: an HTTP status and a message a person can
 * act on. Entity modules throw subclasses named for their domain (LifecycleError, ResponseError, …);
 * the route layer turns any of them into `fail(status, { message })` (see action.ts). A plain Error is
 * a bug and becomes a 500.
 */
export class DomainError extends Error {
	constructor(
		public status: number,
		message: string
	) {
		super(message);
		this.name = new.target.name;
	}
}
