/**
 * The security headers of the built server: on ordinary pages; in production HSTS and a Secure
 * session cookie. Issue 15, item 5: HSTS follows the server's own address (ORIGIN), not
 * NODE_ENV; the cookie that clears a debtor link's token carries the attributes of the one that
 * set it. Extra servers run on ports derived from E2E_PORT, so parallel runs do not collide.
 */
import { expect, test } from '@playwright/test';
import { BASE, demo, e2eRow, extraPort, extraServer, insertLink } from './access-helpers';

test('security headers on ordinary pages', async ({ request }) => {
	for (const path of ['/', '/login']) {
		const r = await request.get(path);
		const h = r.headers();
		expect(h['x-content-type-options']).toBe('nosniff');
		expect(h['referrer-policy']).toBe('same-origin');
		expect(h['x-frame-options']).toBe('DENY');
		const csp = h['content-security-policy'] ?? '';
		// the landing page may be prerendered (policy in a <meta>); the sign-in page sends a header
		if (path === '/login') {
			expect(csp).toContain("frame-ancestors 'none'");
			expect(csp).toContain("object-src 'none'");
		}
	}
});

test('in production: HSTS, and the session cookie is Secure', async () => {
	test.setTimeout(60_000);
	const origin = 'https://rendez.example';
	const srv = await extraServer(extraPort(3), { NODE_ENV: 'production', ORIGIN: origin });
	const base = srv.base;
	try {
		const home = await fetch(`${base}/login`);
		expect(home.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
		const login = await fetch(`${base}/login?/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: demo.operator.email, password: demo.operator.password })
		});
		expect(login.status).toBe(303);
		const cookie = login.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^rendez_session=/);
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/;\s*HttpOnly/i);
		expect(cookie).toMatch(/;\s*SameSite=Lax/i);
	} finally {
		srv.stop();
	}
});

/** A link of our own for a person with a birth date (the demo links are shared with other specs). */
function freshLink(): { token: string; answer: string } {
	const d = e2eRow<{ id: number; birth_date: string }>(
		"SELECT id, birth_date FROM debtors WHERE kind = 'person' AND birth_date IS NOT NULL AND anonymized_at IS NULL ORDER BY id LIMIT 1 OFFSET 7"
	);
	return { token: insertLink(d.id), answer: d.birth_date };
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
	const { token, answer } = freshLink();
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
	const srv = await extraServer(extraPort(0), { ORIGIN: origin, NODE_ENV: 'development' });
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
	const port = extraPort(1);
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
