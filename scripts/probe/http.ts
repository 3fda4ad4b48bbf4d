/**
 * The probe's HTTP: a cookie jar per signed-in role, the tally of every answer by status, and a
 * small pool that keeps a fixed number of requests in flight.
 */
import type { DemoAccounts } from '../../src/lib/server/db/seed/demo-accounts';

export interface Reply {
	status: number;
	location: string | null;
	body: string;
}

// ---------------------------------------------------------------- counting

export class Tally {
	readonly counts = new Map<number, number>();
	readonly fivexx: string[] = [];
	readonly problems: string[] = [];
	total = 0;
	readonly retried: string[] = [];
	/**
	 * Connections dropped twice: the server answers a request it refuses early (404, 405, 403)
	 * without reading a large body and closes the socket, so a client still sending sees a reset.
	 * Node's behaviour, not a server error: printed, not failed.
	 */
	readonly dropped: string[] = [];

	record = (method: string, url: string, r: Reply, what = '') => {
		this.total++;
		this.counts.set(r.status, (this.counts.get(r.status) ?? 0) + 1);
		// the Stripe webhook without a configured secret answers 503 by design (issue 15 item 4)
		const expected = r.status === 503 && url === '/api/webhooks/stripe';
		if (r.status === 0) this.dropped.push(`${method} ${url.slice(0, 200)} ${what} :: ${r.body}`);
		else if (r.status >= 500 && !expected) {
			const excerpt = r.body
				.replace(/<[^>]*>/g, ' ')
				.replace(/\s+/g, ' ')
				.trim()
				.slice(0, 160);
			this.fivexx.push(`${r.status} ${method} ${url.slice(0, 200)} ${what} :: ${excerpt}`);
		}
	};
}

/** What every part of the probe shares: the options, the demo accounts, the database, the tally. */
export interface Probe {
	base: string;
	concurrency: number;
	demo: DemoAccounts;
	/** A read-only query on the server's database. */
	all: <T>(sql: string, ...p: unknown[]) => T[];
	tally: Tally;
}

// ---------------------------------------------------------------- HTTP with a cookie jar per role

export class Session {
	cookies = new Map<string, string>();
	constructor(
		readonly name: string,
		private readonly base: string,
		private readonly tally: Tally
	) {}

	async send(
		method: string,
		url: string,
		body?: BodyInit,
		headers: Record<string, string> = {}
	): Promise<Reply> {
		const h: Record<string, string> = { origin: this.base, accept: 'text/html', ...headers };
		if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
		let r: Response | undefined;
		for (let attempt = 0; !r; attempt++) {
			try {
				r = await fetch(this.base + url, { method, body, headers: h, redirect: 'manual' });
			} catch (e) {
				// a kept-alive socket the server has just closed: tried once more on a new one (as
				// browsers do); a second failure is counted as status 0 and printed with the 5xx
				const cause = (e as { cause?: { code?: string } }).cause?.code ?? String(e);
				if (attempt === 0) {
					this.tally.retried.push(`${method} ${url.slice(0, 120)} (${cause})`);
					continue;
				}
				return { status: 0, location: null, body: `connection failed: ${cause}` };
			}
		}
		for (const c of r.headers.getSetCookie()) {
			const [pair] = c.split(';');
			const i = pair.indexOf('=');
			const k = pair.slice(0, i);
			const v = pair.slice(i + 1);
			if (v === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(k);
			else this.cookies.set(k, v);
		}
		return { status: r.status, location: r.headers.get('location'), body: await r.text() };
	}

	form(url: string, fields: Record<string, string>) {
		return this.send('POST', url, new URLSearchParams(fields).toString(), {
			'content-type': 'application/x-www-form-urlencoded'
		});
	}
}

/** The signed-in sessions by role (anon, admin, operator, duna, tisza, pannon, anna, gabor, kert). */
export type Sessions = Record<string, Session>;

export async function pool<T>(concurrency: number, items: T[], work: (item: T) => Promise<void>) {
	let next = 0;
	await Promise.all(
		Array.from({ length: concurrency }, async () => {
			while (next < items.length) await work(items[next++]);
		})
	);
}
