/**
 * A small Stripe-shaped HTTP server for tests: the real `stripe` client talks to it over HTTP
 * (host/port/protocol options). It implements what Rendez uses — Checkout Sessions create and
 * retrieve and expire, refunds create — including idempotency keys, and lets a test "pay" a session.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSession {
	id: string;
	object: 'checkout.session';
	url: string;
	mode: string;
	status: 'open' | 'complete' | 'expired';
	payment_status: 'unpaid' | 'paid';
	amount_total: number;
	currency: string;
	client_reference_id: string | null;
	metadata: Record<string, string>;
	payment_intent: string | null;
	success_url: string;
	cancel_url: string;
	locale: string | null;
}

export interface FakeStripe {
	port: number;
	sessions: Map<string, FakeSession>;
	refunds: FakeRefund[];
	requests: {
		method: string;
		path: string;
		idempotencyKey: string | null;
		form: Record<string, string>;
	}[];
	/** marks a session paid (as Stripe would once the card went through) and returns it */
	pay(sessionId: string): FakeSession;
	close(): Promise<void>;
	/** make the next N API calls fail with 500 */
	failNext(n: number): void;
	/** the status new refunds get: 'succeeded' (cards, the default) or 'pending' (bank transfers and some cards) */
	refundStatus: 'succeeded' | 'pending';
	/** while true, a refund request is carried out but its answer is lost (the connection drops) */
	dropRefundAnswers: boolean;
	/** the refund as Stripe would send it in a `refund.*` event, with a new status */
	refundObject(id: string, status: 'succeeded' | 'failed' | 'canceled'): Record<string, unknown>;
}

export interface FakeRefund {
	id: string;
	payment_intent: string;
	amount: number;
	status: string;
	metadata: Record<string, string>;
	idempotencyKey: string | null;
}

let counter = 0;
const nextId = (prefix: string) =>
	`${prefix}_test_${Date.now().toString(36)}${(++counter).toString(36)}`;

export async function startStripeServer(): Promise<FakeStripe> {
	const sessions = new Map<string, FakeSession>();
	const byKey = new Map<string, string>();
	const refunds: FakeStripe['refunds'] = [];
	const requests: FakeStripe['requests'] = [];
	let failures = 0;

	const server = http.createServer((req, res) => {
		let body = '';
		req.on('data', (c) => (body += c));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://localhost');
			const form = Object.fromEntries(new URLSearchParams(body));
			const key = (req.headers['idempotency-key'] as string | undefined) ?? null;
			requests.push({ method: req.method ?? '', path: url.pathname, idempotencyKey: key, form });
			const send = (status: number, obj: unknown) => {
				res.writeHead(status, { 'content-type': 'application/json', 'request-id': nextId('req') });
				res.end(JSON.stringify(obj));
			};
			if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_test_')) {
				return send(401, {
					error: { type: 'invalid_request_error', message: 'Invalid API Key provided' }
				});
			}
			if (failures > 0) {
				failures--;
				return send(500, { error: { type: 'api_error', message: 'test failure' } });
			}
			if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
				if (key && byKey.has(key)) return send(200, sessions.get(byKey.get(key)!));
				if (form['mode'] !== 'payment')
					return send(400, { error: { type: 'invalid_request_error', message: 'mode' } });
				const amount = Number(form['line_items[0][price_data][unit_amount]']);
				const qty = Number(form['line_items[0][quantity]'] ?? 1);
				const metadata: Record<string, string> = {};
				for (const [k, v] of Object.entries(form)) {
					const m = /^metadata\[(.+)\]$/.exec(k);
					if (m) metadata[m[1]] = v;
				}
				const id = nextId('cs');
				const s: FakeSession = {
					id,
					object: 'checkout.session',
					url: `https://checkout.stripe.com/c/pay/${id}`,
					mode: 'payment',
					status: 'open',
					payment_status: 'unpaid',
					amount_total: amount * qty,
					currency: form['line_items[0][price_data][currency]'],
					client_reference_id: form['client_reference_id'] ?? null,
					metadata,
					payment_intent: null,
					success_url: form['success_url'],
					cancel_url: form['cancel_url'],
					locale: form['locale'] ?? null
				};
				sessions.set(id, s);
				if (key) byKey.set(key, id);
				return send(200, s);
			}
			const m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(url.pathname);
			if (req.method === 'GET' && m) {
				const s = sessions.get(m[1]);
				return s
					? send(200, s)
					: send(404, {
							error: { type: 'invalid_request_error', message: 'No such checkout.session' }
						});
			}
			// like Stripe: only an open session can be expired; any other is refused with a 400
			const ex = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(url.pathname);
			if (req.method === 'POST' && ex) {
				const s = sessions.get(ex[1]);
				if (!s)
					return send(404, {
						error: { type: 'invalid_request_error', message: 'No such checkout.session' }
					});
				if (s.status !== 'open')
					return send(400, {
						error: {
							type: 'invalid_request_error',
							message: `Only Checkout Sessions with a status of \`open\` can be expired. This Checkout Session has a status of \`${s.status}\`.`
						}
					});
				s.status = 'expired';
				return send(200, s);
			}
			if (req.method === 'POST' && url.pathname === '/v1/refunds') {
				const existing = key ? refunds.find((r) => r.idempotencyKey === key) : undefined;
				if (existing)
					return fake.dropRefundAnswers ? req.socket.destroy() : send(200, refundJson(existing));
				const pi = form['payment_intent'];
				if (![...sessions.values()].some((s) => s.payment_intent === pi)) {
					return send(400, {
						error: { type: 'invalid_request_error', message: 'No such payment_intent' }
					});
				}
				const metadata = Object.fromEntries(
					Object.entries(form).flatMap(([k, v]) =>
						/^metadata\[(\w+)\]$/.test(k) ? [[k.slice(9, -1), v]] : []
					)
				);
				const r: FakeRefund = {
					id: nextId('re'),
					payment_intent: pi,
					amount: Number(form['amount']),
					status: fake.refundStatus,
					metadata,
					idempotencyKey: key
				};
				refunds.push(r);
				return fake.dropRefundAnswers ? req.socket.destroy() : send(200, refundJson(r));
			}
			send(404, {
				error: {
					type: 'invalid_request_error',
					message: `Unrecognized request URL (${req.method}: ${url.pathname})`
				}
			});
		});
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const port = (server.address() as AddressInfo).port;
	const fake: FakeStripe = {
		port,
		refundStatus: 'succeeded',
		dropRefundAnswers: false,
		refundObject(id, status) {
			const r = refunds.find((x) => x.id === id);
			if (!r) throw new Error('no such refund');
			r.status = status;
			return refundJson(r);
		},
		sessions,
		refunds,
		requests,
		pay(id) {
			const s = sessions.get(id);
			if (!s) throw new Error('no such session');
			s.status = 'complete';
			s.payment_status = 'paid';
			s.payment_intent = s.payment_intent ?? nextId('pi');
			return s;
		},
		failNext(n) {
			failures = n;
		},
		close: () => new Promise<void>((r) => server.close(() => r()))
	};
	return fake;
}

function refundJson(r: FakeRefund) {
	return {
		id: r.id,
		object: 'refund',
		amount: r.amount,
		currency: 'huf',
		status: r.status,
		payment_intent: r.payment_intent,
		metadata: r.metadata
	};
}

/** A Stripe event envelope around a session, as Stripe would POST it. */
export function stripeEvent(
	type: string,
	session: FakeSession | Record<string, unknown>,
	id = nextId('evt')
) {
	return {
		id,
		object: 'event',
		api_version: '2026-10-28.endive',
		created: Math.floor(Date.now() / 1000),
		type,
		livemode: false,
		pending_webhooks: 1,
		request: { id: null, idempotency_key: null },
		data: { object: { ...session } }
	};
}
