import { building } from '$app/environment';
import { decideAccess } from '$lib/server/access';
import { getConfig } from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { demoSignInText, ensureDemo } from '$lib/server/demo/seed';
import { htmlLang, textDirection } from '$lib/i18n';
import { m } from '$lib/paraglide/messages';
import { warmHeavy } from '$lib/server/heavy';
import { deliverOutbox } from '$lib/server/mail';
import { closeDueRounds } from '$lib/server/rounds';
import {
	SESSION_COOKIE,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/session';
import { listUserRoles } from '$lib/server/users';
import { cookieName, extractLocaleFromRequest, isLocale } from '$lib/paraglide/runtime';
import { runInLocale } from '$lib/server/locale-store';
import {
	defaultRenderThreads,
	inRenderThread,
	renderElsewhere,
	startRenderThreads
} from '$lib/server/render-pool';

const APPENDIX_ROUTE = '/editions/[editionId]/appendix';
import {
	error,
	redirect,
	type Handle,
	type HandleServerError,
	type ServerInit
} from '@sveltejs/kit';

export const init: ServerInit = async () => {
	if (building) return;
	// A render thread (render-pool.ts) runs these hooks too: it only renders. Its heavy work gets a
	// thread of its own, started now, so that its first review or preview waits for its own work only.
	if (inRenderThread()) return warmHeavy();
	const config = getConfig();
	const db = getDb();
	if (config.CONCORD_DEMO) {
		const seeded = await ensureDemo(db);
		if (seeded) console.log('Concord: seeded the demo study into an empty database.');
		console.log(demoSignInText(process.env.ORIGIN ?? `http://localhost:${config.PORT}`));
	}
	// Pages render off the event loop, which keeps the writes (see render-pool.ts); where no thread
	// starts, the heavy work's own thread is warmed here instead.
	if (!startRenderThreads(config.CONCORD_RENDER_THREADS ?? defaultRenderThreads())) warmHeavy();
	// Rounds that close at their deadline close within a minute of it, whether or not anyone visits.
	const closeDue = () => {
		try {
			closeDueRounds(db);
		} catch (e) {
			console.error('closing rounds at their deadline failed', e);
		}
	};
	setInterval(closeDue, 60_000).unref();
	closeDue();
	if (config.SMTP_URL) {
		const tick = () =>
			void deliverOutbox(db).catch((e) => console.error('outbox delivery failed', e));
		setInterval(tick, 30_000).unref();
		tick();
	}
};

export const handle: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE) ?? null;
	// Reads (GET, HEAD) are answered by a render thread, which runs this very hook for them.
	const elsewhere = await renderElsewhere(event, token ?? '');
	if (elsewhere) return elsewhere;
	const db = getDb();
	event.locals.user = null;
	event.locals.session = null;
	event.locals.roles = [];
	if (token) {
		const { session, user, fresh } = validateSessionToken(db, token);
		if (session) {
			event.locals.user = user;
			event.locals.session = session;
			event.locals.roles = listUserRoles(db, user.id);
			if (fresh) setSessionCookie(event.cookies, event.url, token, session.expiresAt);
			// Mirror the stored language into the cookie the browser-side runtime reads.
			if (event.cookies.get(cookieName) !== user.locale && isLocale(user.locale)) {
				event.cookies.set(cookieName, user.locale, {
					path: '/',
					httpOnly: false,
					sameSite: 'lax',
					maxAge: 400 * 24 * 3600
				});
			}
		} else {
			deleteSessionCookie(event.cookies);
		}
	}

	// The signed-in person's stored language; for visitors, the cookie, their browser's, or English.
	const stored = event.locals.user?.locale;
	// The methodology appendix may be read (and printed) in any language: ?lang=zh.
	const asked = event.route.id === APPENDIX_ROUTE ? event.url.searchParams.get('lang') : null;
	const locale =
		asked && isLocale(asked)
			? asked
			: stored && isLocale(stored)
				? stored
				: extractLocaleFromRequest(event.request);
	// The access gate (its refusals in the reader's language).
	const routeId = event.route.id;
	if (routeId !== null) {
		const verdict = decideAccess(routeId, event.locals.user ? event.locals.roles : null);
		if (verdict === 'sign-in') {
			if (event.request.method === 'GET' || event.request.method === 'HEAD') {
				redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
			}
			error(401, m.error_sign_in_first({}, { locale }));
		}
		if (verdict === 'forbidden') error(403, m.error_forbidden({}, { locale }));
		if (verdict === 'unlisted') error(403, m.error_unlisted({}, { locale }));
	}

	const response = await runInLocale(
		locale,
		() =>
			resolve(event, {
				transformPageChunk: ({ html }) =>
					html.replace('%lang%', htmlLang(locale)).replace('%dir%', textDirection(locale))
			}),
		event.url.origin
	);
	response.headers.set('X-Frame-Options', 'DENY');
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	response.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	response.headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	return response;
};

export const handleError: HandleServerError = ({ error: e, status, message }) => {
	if (status !== 404) console.error(e);
	return {
		// In the reader's language (this runs inside the request's locale store).
		message: status >= 500 ? m.error_server() : status === 404 ? m.error_not_found() : message
	};
};
