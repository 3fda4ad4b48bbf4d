/**
 * One webhook POST, to a public address only. The address was checked when the endpoint was
 * saved, but a name can resolve to anything later (DNS rebinding, an internal name): so at send
 * time the URL is checked again, the host name is resolved (all its addresses), the delivery is
 * refused when any of them is not public, and the connection goes to the address that was
 * checked (the socket's `lookup` answers with it; the Host header and the TLS server name stay
 * the name), so a second resolution between the check and the connection cannot win.
 */
import http from 'node:http';
import https from 'node:https';
import { lookup } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import { isPublicAddress } from '$lib/domain/public-address';
import { webhookUrlProblem, type DeliveryRefusal } from '$lib/domain/webhooks';

/** All addresses of a host name. Production asks the system's resolver; tests pass their own. */
export type Resolver = (host: string) => Promise<string[]>;

export const dnsResolver: Resolver = async (host) =>
	(await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** A delivery that was not sent: no connection was made. */
export class DeliveryRefused extends Error {
	constructor(readonly code: DeliveryRefusal) {
		super(code);
		this.name = 'DeliveryRefused';
	}
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const stop = () => reject(signal.reason);
		if (signal.aborted) return stop();
		signal.addEventListener('abort', stop, { once: true });
		p.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
	});
}

/**
 * POSTs `body` to `url` and answers the response's status (redirects are not followed: a
 * redirect is a status like any other). Throws `DeliveryRefused` before connecting when the
 * address is not allowed; other errors (timeout, refused connection, unknown name) as they come.
 */
export async function postWebhook(
	url: string,
	init: { headers: Record<string, string>; body: string; signal: AbortSignal },
	opts: { resolve: Resolver; allowLocal: boolean }
): Promise<{ status: number }> {
	const problem = webhookUrlProblem(url, opts.allowLocal);
	if (problem)
		throw new DeliveryRefused(problem === 'webhooks.url.local' ? 'address_refused' : 'url_refused');
	const u = new URL(url);
	const host = u.hostname.replace(/^\[|\]$/g, '');
	let address = host;
	if (!isIP(host)) {
		const addresses = await abortable(opts.resolve(host), init.signal);
		if (!opts.allowLocal && (!addresses.length || !addresses.every(isPublicAddress)))
			throw new DeliveryRefused('address_refused');
		if (!addresses.length) throw new Error('no address');
		address = addresses[0];
	}
	const family = isIP(address);
	if (!family) throw new DeliveryRefused('address_refused');
	// the socket connects to the checked address, whatever the name resolves to by then
	const pinned: LookupFunction = (_name, options, callback) => {
		if (options.all) callback(null, [{ address, family }]);
		else callback(null, address, family);
	};
	const body = Buffer.from(init.body);
	return new Promise((resolve, reject) => {
		const req = (u.protocol === 'https:' ? https : http).request(
			u,
			{
				method: 'POST',
				headers: { ...init.headers, 'content-length': String(body.length) },
				agent: false,
				lookup: pinned,
				signal: init.signal
			},
			(res) => {
				res.resume();
				resolve({ status: res.statusCode ?? 0 });
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}
