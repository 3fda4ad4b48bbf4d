/**
 * A local Twilio-shaped SMS server, for the tests and for `npm run demo` (no account needed).
 *
 * It answers the one call Rendez makes, POST /2010-04-01/Accounts/{SID}/Messages.json (form
 * fields To, From or MessagingServiceSid, Body, StatusCallback; HTTP basic auth SID:token), as
 * Twilio does: 201 with the message's `sid` and `status: queued`, or a Twilio error
 * (`{ code, message, status }`). Every send is kept in `sent`.
 *
 * It calls back like Twilio: status callbacks to the message's StatusCallback URL, and inbound SMS
 * (a reply "STOP") to the number's messaging webhook, each form-encoded and signed with
 * X-Twilio-Signature. The signature is computed here from Twilio's description on its own, not
 * with Rendez's code, so a test of the two together checks one against the other. A test drives
 * the callbacks (delivered, failed, out of order, twice, a forged signature); with `autoReport` the
 * server reports `sent` and then `delivered` by itself (the demo).
 *
 * GET / shows what was "sent", newest first, with a button to answer an SMS with STOP.
 */
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CaughtSms {
	sid: string;
	to: string;
	from: string;
	body: string;
	statusCallback: string | null;
	/** the last status reported for it */
	status: string;
	/** when it arrived (wall clock, ms) */
	at: number;
}

export interface TwilioCatcherOptions {
	accountSid: string;
	authToken: string;
	/** 0 (default): any free port */
	port?: number;
	host?: string;
	/** report `sent` then `delivered` for every SMS by itself (for the demo) */
	autoReport?: boolean;
	/** with autoReport: these numbers (E.164) fail with 30005, unknown destination handset */
	failNumbers?: Iterable<string>;
	/** where inbound SMS are posted (in Twilio, the number's messaging webhook) */
	inboundUrl?: string;
	/** our number, the `To` of inbound SMS */
	ourNumber?: string;
}

export interface TwilioCatcher {
	/** the API base (TWILIO_API_BASE) */
	url: string;
	port: number;
	sent: CaughtSms[];
	/** the next send is refused with this Twilio error code (e.g. 21211) and HTTP status */
	refuseNext(code: number, httpStatus?: number): void;
	/**
	 * Posts a status callback for a sent SMS and returns the HTTP status the app answered.
	 * `signature` replaces the real one (a forged callback); `errorCode` as Twilio's ErrorCode.
	 */
	report(
		sid: string,
		status: string,
		opts?: { errorCode?: string; signature?: string }
	): Promise<number>;
	/** Posts an inbound SMS from `from` to the app's inbound URL (signed unless `signature`). */
	inbound(
		from: string,
		body: string,
		opts?: { url?: string; signature?: string }
	): Promise<{ status: number; contentType: string | null; body: string }>;
	close(): Promise<void>;
}

/**
 * X-Twilio-Signature, as Twilio describes it: the full URL, then each POST parameter sorted by
 * name, name and value with nothing between; HMAC-SHA1 keyed with the auth token, in base64.
 */
export function signTwilio(authToken: string, url: string, params: Record<string, string>): string {
	const names = Object.keys(params).sort();
	const data = url + names.map((n) => n + params[n]).join('');
	return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

const sidOf = (prefix: string) => prefix + randomBytes(16).toString('hex');

function readBody(req: http.IncomingMessage): Promise<string> {
	return new Promise((resolve, reject) => {
		let s = '';
		req.setEncoding('utf8');
		req.on('data', (c: string) => (s += c));
		req.on('end', () => resolve(s));
		req.on('error', reject);
	});
}

function send(
	res: http.ServerResponse,
	status: number,
	body: unknown,
	type = 'application/json'
): void {
	res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8` });
	res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

const twilioError = (code: number, message: string, status: number) => ({
	code,
	message,
	more_info: `https://www.twilio.com/docs/errors/${code}`,
	status
});

const esc = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);

export async function startTwilioCatcher(opts: TwilioCatcherOptions): Promise<TwilioCatcher> {
	const sent: CaughtSms[] = [];
	const bySid = new Map<string, CaughtSms>();
	const failNumbers = new Set(opts.failNumbers ?? []);
	const ourNumber = opts.ourNumber ?? '+3612345678';
	const expectedAuth = `Basic ${Buffer.from(`${opts.accountSid}:${opts.authToken}`).toString('base64')}`;
	let refusal: { code: number; status: number } | null = null;

	async function post(
		url: string,
		params: Record<string, string>,
		signature?: string
	): Promise<Response> {
		return fetch(url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				'User-Agent': 'TwilioProxy/1.1',
				'X-Twilio-Signature': signature ?? signTwilio(opts.authToken, url, params)
			},
			body: new URLSearchParams(params).toString()
		});
	}

	async function report(
		sid: string,
		status: string,
		o: { errorCode?: string; signature?: string } = {}
	): Promise<number> {
		const m = bySid.get(sid);
		if (!m) throw new Error(`no SMS ${sid} was sent`);
		if (!m.statusCallback) throw new Error(`SMS ${sid} has no StatusCallback`);
		const params: Record<string, string> = {
			AccountSid: opts.accountSid,
			ApiVersion: '2010-04-01',
			From: m.from,
			MessageSid: sid,
			MessageStatus: status,
			SmsSid: sid,
			SmsStatus: status,
			To: m.to
		};
		if (o.errorCode) params.ErrorCode = o.errorCode;
		const res = await post(m.statusCallback, params, o.signature);
		await res.arrayBuffer();
		if (res.ok) m.status = status;
		return res.status;
	}

	async function inbound(from: string, body: string, o: { url?: string; signature?: string } = {}) {
		const url = o.url ?? opts.inboundUrl;
		if (!url) throw new Error('no inbound URL');
		const params: Record<string, string> = {
			AccountSid: opts.accountSid,
			ApiVersion: '2010-04-01',
			Body: body,
			From: from,
			MessageSid: sidOf('SM'),
			NumMedia: '0',
			NumSegments: '1',
			SmsMessageSid: sidOf('SM'),
			SmsStatus: 'received',
			To: ourNumber
		};
		const res = await post(url, params, o.signature);
		return {
			status: res.status,
			contentType: res.headers.get('content-type'),
			body: await res.text()
		};
	}

	function autoReport(m: CaughtSms) {
		const later = (ms: number) => new Promise((r) => setTimeout(r, ms));
		void (async () => {
			try {
				await later(300);
				await report(m.sid, 'sent');
				await later(700);
				if (failNumbers.has(m.to)) await report(m.sid, 'undelivered', { errorCode: '30005' });
				else await report(m.sid, 'delivered');
			} catch {
				// the app is down or refused: Twilio would give up too
			}
		})();
	}

	async function messages(req: http.IncomingMessage, res: http.ServerResponse, account: string) {
		if (req.headers.authorization !== expectedAuth)
			return send(res, 401, twilioError(20003, 'Authenticate', 401));
		if (account !== opts.accountSid)
			return send(res, 404, twilioError(20404, 'The requested resource was not found', 404));
		const form = new URLSearchParams(await readBody(req));
		const to = form.get('To') ?? '';
		const from = form.get('From') ?? form.get('MessagingServiceSid') ?? '';
		const body = form.get('Body') ?? '';
		if (refusal) {
			const r = refusal;
			refusal = null;
			return send(res, r.status, twilioError(r.code, `Refused with ${r.code}`, r.status));
		}
		if (!to) return send(res, 400, twilioError(21604, "A 'To' phone number is required.", 400));
		if (!from) return send(res, 400, twilioError(21603, "A 'From' phone number is required.", 400));
		if (!body) return send(res, 400, twilioError(21602, 'Message body is required.', 400));
		if (!/^\+[1-9]\d{7,14}$/.test(to))
			return send(res, 400, twilioError(21211, `The 'To' number ${to} is not valid.`, 400));
		const m: CaughtSms = {
			sid: sidOf('SM'),
			to,
			from,
			body,
			statusCallback: form.get('StatusCallback'),
			status: 'queued',
			at: Date.now()
		};
		sent.push(m);
		bySid.set(m.sid, m);
		send(res, 201, {
			sid: m.sid,
			account_sid: opts.accountSid,
			to,
			from,
			body,
			status: 'queued',
			direction: 'outbound-api',
			api_version: '2010-04-01',
			num_segments: '1',
			date_created: new Date(m.at).toUTCString(),
			uri: `/2010-04-01/Accounts/${opts.accountSid}/Messages/${m.sid}.json`
		});
		if (opts.autoReport && m.statusCallback) autoReport(m);
	}

	function page(res: http.ServerResponse) {
		const rows = [...sent]
			.reverse()
			.map(
				(m) =>
					`<tr><td>${esc(new Date(m.at).toISOString())}</td><td>${esc(m.to)}</td><td>${esc(m.body)}</td><td>${esc(m.status)}</td><td><form method="post" action="/reply"><input type="hidden" name="from" value="${esc(m.to)}"><button name="body" value="STOP">Reply STOP</button></form></td></tr>`
			)
			.join('');
		send(
			res,
			200,
			`<!doctype html><meta charset="utf-8"><title>SMS catcher</title><h1>SMS catcher (Twilio-shaped)</h1><p>${sent.length} SMS sent. Status reports and replies go to Rendez signed, as Twilio's would.</p><table border="1" cellpadding="4"><tr><th>at</th><th>to</th><th>text</th><th>status</th><th></th></tr>${rows}</table>`,
			'text/html'
		);
	}

	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const m = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
		const done = (p: Promise<unknown> | void) =>
			Promise.resolve(p).catch(() => {
				if (!res.headersSent) send(res, 500, twilioError(20500, 'Internal Server Error', 500));
			});
		if (req.method === 'POST' && m) return done(messages(req, res, decodeURIComponent(m[1])));
		if (req.method === 'GET' && url.pathname === '/') return page(res);
		if (req.method === 'POST' && url.pathname === '/reply')
			return done(
				readBody(req).then(async (b) => {
					const f = new URLSearchParams(b);
					await inbound(f.get('from') ?? '', f.get('body') ?? 'STOP').catch(() => null);
					res.writeHead(303, { Location: '/' }).end();
				})
			);
		send(res, 404, twilioError(20404, 'The requested resource was not found', 404));
	});
	await new Promise<void>((resolve) =>
		server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve)
	);
	const port = (server.address() as AddressInfo).port;
	return {
		url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
		port,
		sent,
		refuseNext(code, httpStatus = 400) {
			refusal = { code, status: httpStatus };
		},
		report,
		inbound,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
