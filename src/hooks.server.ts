import { sequence } from '@sveltejs/kit/hooks';
import { error, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { getDb } from '$lib/server/db';
import { DatabaseOpenError, SchemaVersionError, databasePath } from '$lib/server/db/client';
import { handleSession } from '$lib/server/auth/hooks';
import { isLang, DEFAULT_LANG } from '$lib/i18n';
import { logEvent } from '$lib/server/log';
import { bodySizeLimit } from '$lib/server/body-limit';
import { bodyLimitOf, limitedRequest } from '$lib/server/http/body-limit';
import { strictTransportSecurity } from '$lib/server/security-headers';
import { paymentConfigProblem } from '$lib/server/payments/config';
import { env } from '$env/dynamic/private';
import { startJobsWorker } from '$lib/server/jobs/runner';
import { startDispatcher } from '$lib/server/jobs/dispatch-runner';
import { messageConfigProblem } from '$lib/server/channels';
import { pdfFontProblem } from '$lib/server/pdf';
import { crossSiteRefusal } from '$lib/server/csrf';
import { messagesConfigProblem } from '$lib/server/channels/config';
import { clockConfigProblem } from '$lib/server/clock';
import { collectionAccountProblem } from '$lib/server/collection-account';

/** Fail at start, with one clear line, rather than on the first request. */
export const init: ServerInit = async () => {
	// payments: a built server needs a Stripe key or an explicit PAYMENT_GATEWAY=demo (never a silent demo fallback)
	const payProblem = paymentConfigProblem({
		...process.env,
		NODE_ENV: dev ? process.env.NODE_ENV : 'production'
	});
	if (payProblem) {
		console.error(payProblem);
		process.exit(1);
	}
	try {
		getDb();
	} catch (e) {
		if (e instanceof DatabaseOpenError || e instanceof SchemaVersionError) {
			console.error(e.message);
			process.exit(1);
		}
		throw e;
	}
	// messages: a built server needs a channel (SMTP_URL, SMS_PROVIDER) or an explicit MESSAGES=off
	const msgProblem = messagesConfigProblem({
		...process.env,
		NODE_ENV: dev ? process.env.NODE_ENV : 'production'
	});
	if (msgProblem) {
		console.error(msgProblem);
		if (!dev) process.exit(1);
	}
	const clockProblem = clockConfigProblem();
	if (clockProblem) {
		console.error(clockProblem);
		if (!dev) process.exit(1);
	}
	// uploads: below 60M the placement CSVs (50 MB) and dispute attachments (5 MB) cannot all
	// arrive; the forms say the smaller limit, and the operator of the server hears it once here
	if (!dev && bodySizeLimit() < 60 * 1024 * 1024) {
		logEvent('warn', 'body_size_limit_low', {
			limit: process.env.BODY_SIZE_LIMIT ?? '512K',
			advice: 'set BODY_SIZE_LIMIT=60M'
		});
	}
	// PDFs (receipts, certificates, plans): the rest of the site works without the font, so say it once
	const fontProblem = pdfFontProblem();
	if (fontProblem) console.error(fontProblem);
	// the collection account on the pay page and the letters: a malformed one is said at start
	const accountProblem = collectionAccountProblem();
	if (accountProblem) console.error(accountProblem);
	// long work off the request thread: confirmed placements and the daily job (reminders,
	// late/broken/completed plans, due promises, purges, retention), once a day via job_runs
	startJobsWorker(databasePath(env), { daily: env.RENDEZ_DAILY_TIMER !== '0' });
	// messages: e-mail/SMS leave from their own worker thread, unless cron runs messages:send or
	// MESSAGES=off says that nothing is to leave
	const mailProblem = dev ? null : messageConfigProblem(process.env);
	if (mailProblem) {
		console.error(mailProblem);
		process.exit(1);
	}
	if (env.RENDEZ_DISPATCHER !== '0' && env.MESSAGES !== 'off') startDispatcher(databasePath(env));
};

/**
 * Each route's body limit (http/body-limit.ts), before anything reads the body: a route gets a
 * body that fails with 413 past its limit. After such a refusal the connection is closed, so the
 * rest of a large body is not waited for.
 */
const handleBodyLimit: Handle = async ({ event, resolve }) => {
	const limited = limitedRequest(event.request, bodyLimitOf(event.route.id));
	if (!limited) return resolve(event);
	event.request = limited;
	const response = await resolve(event);
	if (response.status === 413) {
		try {
			response.headers.set('connection', 'close');
		} catch {
			// an immutable response (none of ours): the connection stays as it was
		}
	}
	return response;
};

/**
 * SvelteKit's cross-site form check (off in svelte.config.js), the same rule but for the SMS
 * provider's signed callbacks and the e-mail one-click unsubscribe (csrf.ts). Like SvelteKit's, it does not run under `vite dev`.
 */
const handleCsrf: Handle = async ({ event, resolve }) =>
	(!dev && crossSiteRefusal(event.request, event.url)) || resolve(event);

/**
 * `?/default` names the reserved default action, which SvelteKit rejects with an Error (a 500 and
 * a stack in the log) on every page with named actions: it is the client's mistake, so a 400.
 */
const handleReservedAction: Handle = async ({ event, resolve }) => {
	if (event.request.method === 'POST' && event.url.searchParams.has('/default'))
		error(400, { message: 'bad request' });
	return resolve(event);
};

const LANG_COOKIE = 'lang';

/** `?lang=en` switches and remembers; otherwise the cookie; otherwise Hungarian. */
const handleLang: Handle = async ({ event, resolve }) => {
	const asked = event.url.searchParams.get('lang');
	let lang = event.cookies.get(LANG_COOKIE);
	if (isLang(asked)) {
		lang = asked;
		event.cookies.set(LANG_COOKIE, asked, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: !dev && event.url.protocol === 'https:',
			maxAge: 60 * 60 * 24 * 365
		});
	}
	event.locals.lang = isLang(lang) ? lang : DEFAULT_LANG;
	event.locals.requestId = crypto.randomUUID();
	// app.html says lang="hu"; only an English page rewrites it, so a Hungarian page (most of
	// them) is not copied once more on its way out
	if (event.locals.lang === DEFAULT_LANG) return resolve(event);
	return resolve(event, {
		transformPageChunk: ({ html }) =>
			html.replace('<html lang="hu">', `<html lang="${event.locals.lang}">`)
	});
};

const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('X-Content-Type-Options', 'nosniff');
	// A debtor link (/p/<token>) is the only URL that holds a token: it answers with a redirect
	// under 'no-referrer'. Every other page uses 'same-origin' (a Referer only ever goes back to
	// this server) because under 'no-referrer' browsers send `Origin: null` with a plain form
	// POST, which SvelteKit's CSRF check refuses, and forms must work without JavaScript.
	h.set('Referrer-Policy', event.route.id === '/p/[token]' ? 'no-referrer' : 'same-origin');
	h.set('X-Frame-Options', 'DENY');
	h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
	const hsts = strictTransportSecurity(event.url, dev);
	if (hsts) h.set('Strict-Transport-Security', hsts);
	if (
		event.locals.staff ||
		event.locals.debtor ||
		event.locals.pendingStaff ||
		event.url.pathname === '/p' ||
		event.url.pathname.startsWith('/p/')
	) {
		h.set('Cache-Control', 'no-store');
	}
	return response;
};

export const handle = sequence(
	handleBodyLimit,
	handleCsrf,
	handleReservedAction,
	handleLang,
	handleSession,
	handleHeaders
);

/** Unexpected errors: logged with an id (no personal data), shown as a friendly page with that id. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = event.locals.requestId ?? crypto.randomUUID();
	// a client's mistake SvelteKit answers itself (415 not a form, 413 too large, an unknown
	// action) is not our error: one info line, no stack
	if (status >= 400 && status < 500) {
		if (status !== 404) logEvent('info', 'client_error', { id, status, route: event.route.id });
	} else {
		logEvent('error', 'unexpected_error', {
			id,
			status,
			route: event.route.id,
			error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
			stack: error instanceof Error ? error.stack : undefined
		});
	}
	return {
		message: status === 404 ? 'not found' : status < 500 ? 'bad request' : 'unexpected',
		id
	};
};
