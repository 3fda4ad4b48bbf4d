import { sequence } from '@sveltejs/kit/hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { getDb } from '$lib/server/db';
import { DatabaseOpenError, NewerSchemaError } from '$lib/server/db/client';
import { handleSession } from '$lib/server/auth/hooks';
import { isLang, DEFAULT_LANG } from '$lib/i18n';
import { logEvent } from '$lib/server/log';
import { bodySizeLimit } from '$lib/server/body-limit';
import { paymentConfigProblem } from '$lib/server/payments/config';
import { startDailyTimer } from '$lib/server/services/jobs';
import { pdfFontProblem } from '$lib/server/pdf';

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
		if (e instanceof DatabaseOpenError || e instanceof NewerSchemaError) {
			console.error(e.message);
			process.exit(1);
		}
		throw e;
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
	// the daily plans job (reminders, late/broken/completed plans, due promises), once a day via job_runs
	startDailyTimer(getDb);
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
	if (!dev && process.env.NODE_ENV === 'production') {
		h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	}
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

export const handle = sequence(handleLang, handleSession, handleHeaders);

/** Unexpected errors: logged with an id (no personal data), shown as a friendly page with that id. */
export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = event.locals.requestId ?? crypto.randomUUID();
	if (status !== 404) {
		logEvent('error', 'unexpected_error', {
			id,
			status,
			route: event.route.id,
			error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
			stack: error instanceof Error ? error.stack : undefined
		});
	}
	return { message: status === 404 ? 'not found' : 'unexpected', id };
};
