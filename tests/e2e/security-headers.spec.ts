/**
 * Issue 15, item 5, against the built server: HSTS follows the server's own address (ORIGIN), not
 * NODE_ENV; the cookie that clears a debtor link's token carries the attributes of the one that
 * set it. Extra servers run on ports derived from E2E_PORT, so parallel runs do not collide.
 */
import { expect, test } from '@playwright/test';
import { BASE, extraServer } from './access-helpers';

const PORT = Number(process.env.E2E_PORT ?? 4173);

/** A link of our own for a person with a birth date (the demo links are shared with other specs). */
async function freshLink(): Promise<{ token: string; answer: string }> {
	const Database = (await import('better-sqlite3')).default;
	const { createHash, randomBytes } = await import('node:crypto');
	const db = new Database(process.env.E2E_DATABASE_URL ?? './data/e2e.db');
	try {
		const d = db
			.prepare(
				"SELECT id, birth_date FROM debtors WHERE kind = 'person' AND birth_date IS NOT NULL AND anonymized_at IS NULL ORDER BY id LIMIT 1 OFFSET 7"
			)
			.get() as { id: number; birth_date: string };
		const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
		const token = [...randomBytes(32)].map((b) => alphabet[b % 32]).join('');
		const now = Date.now();
		db.prepare(
			'INSERT INTO access_links (debtor_id, token_hash, question, expires_at, created_at) VALUES (?, ?, ?, ?, ?)'
		).run(
			d.id,
			createHash('sha256').update(token).digest('hex'),
			'birth_date',
			now + 86_400_000,
			now
		);
		return { token, answer: d.birth_date };
	} finally {
		db.close();
	}
}

/** A Set-Cookie line's attributes, without its value and lifetime: what makes it the same cookie. */
function attributesOf(line: string): string[] {
	return line
		.split(';')
		.slice(1)
		.map((a) => a.trim().toLowerCase())
		.filter((a) => a && !a.startsWith('max-age') && !a.startsWith('expires'))
		.sort();
}

/** Opens a link, answers it rightly, and returns the cookie that set the token and the one that cleared it. */
async function linkCookies(base: string, origin: string) {
	const { token, answer } = await freshLink();
	const opened = await fetch(`${base}/p/${token}`, { redirect: 'manual' });
	expect(opened.status).toBe(303);
	const set = opened.headers.getSetCookie().find((c) => c.startsWith('rendez_link='));
	expect(set).toBeTruthy();
	const answered = await fetch(`${base}/p?/answer`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			origin,
			cookie: set!.split(';')[0],
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ answer })
	});
	expect(answered.status).toBe(303);
	expect(answered.headers.get('location')).toBe('/my');
	const cleared = answered.headers.getSetCookie().find((c) => c.startsWith('rendez_link='));
	expect(cleared).toBeTruthy();
	expect(cleared).toMatch(/^rendez_link=;/);
	expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/i);
	return { set: set!, cleared: cleared! };
}

test('a built server on https sends HSTS without NODE_ENV=production; the link cookie is cleared with its own attributes', async () => {
	test.setTimeout(60_000);
	const origin = 'https://rendez.example';
	const srv = await extraServer(PORT + 100, { ORIGIN: origin, NODE_ENV: 'development' });
	try {
		for (const path of ['/', '/login', '/healthz']) {
			const r = await fetch(`${srv.base}${path}`);
			expect(r.headers.get('strict-transport-security'), path).toBe(
				'max-age=31536000; includeSubDomains'
			);
		}
		const { set, cleared } = await linkCookies(srv.base, origin);
		expect(attributesOf(set)).toEqual(['httponly', 'path=/p', 'samesite=lax', 'secure']);
		expect(attributesOf(cleared)).toEqual(attributesOf(set));
	} finally {
		srv.stop();
	}
});

test('over plain http: no HSTS, and the link cookie is still cleared with the attributes it was set with', async () => {
	test.setTimeout(60_000);
	// a plain-http address that is not "localhost": where SvelteKit's own default would add Secure
	const port = PORT + 101;
	const origin = `http://127.0.0.1:${port}`;
	const srv = await extraServer(port, { ORIGIN: origin });
	try {
		expect((await fetch(`${srv.base}/login`)).headers.get('strict-transport-security')).toBeNull();
		const { set, cleared } = await linkCookies(srv.base, origin);
		expect(attributesOf(set)).toEqual(['httponly', 'path=/p', 'samesite=lax']);
		expect(attributesOf(cleared)).toEqual(attributesOf(set));
	} finally {
		srv.stop();
	}
	// the suite's own server (http://localhost) sends no HSTS either
	expect((await fetch(`${BASE}/login`)).headers.get('strict-transport-security')).toBeNull();
});
