import type { Role, Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/session';

declare global {
	namespace App {
		interface Error {
			message: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			roles: Role[];
		}
		interface PageData {
			user?: { id: string; name: string; roles: Role[] } | null;
		}
	}
}

export {};
