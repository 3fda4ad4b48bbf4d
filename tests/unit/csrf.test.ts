/**
 * The cross-site form check that replaces SvelteKit's built-in one (src/lib/server/csrf.ts): the
 * same refusals, with the e-mail one-click unsubscribe (RFC 8058) as the only exception.
 */
import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from '../../src/lib/server/csrf';

const url = (p: string) => new URL(`https://rendez.test${p}`);
const req = (p: string, headers: Record<string, string>, method = 'POST') =>
	new Request(url(p), { method, headers, body: method === 'GET' ? undefined : 'a=1' });
const form = { 'content-type': 'application/x-www-form-urlencoded' };

describe('cross-site form posts', () => {
	it('refuses a form post from another origin or with none, as SvelteKit does', () => {
		expect(
			crossSiteRefusal(req('/p?/answer', { ...form, origin: 'https://evil.test' }), url('/p'))
				?.status
		).toBe(403);
		expect(crossSiteRefusal(req('/login', form), url('/login'))?.status).toBe(403);
		expect(
			crossSiteRefusal(
				req('/login', { 'content-type': 'multipart/form-data; boundary=x' }),
				url('/login')
			)?.status
		).toBe(403);
		expect(
			crossSiteRefusal(req('/login', { 'content-type': 'text/plain' }), url('/login'))?.status
		).toBe(403);
	});

	it('lets same-origin forms, non-form bodies and reads through', () => {
		expect(
			crossSiteRefusal(req('/login', { ...form, origin: 'https://rendez.test' }), url('/login'))
		).toBeNull();
		expect(
			crossSiteRefusal(
				req('/api/webhooks/stripe', { 'content-type': 'application/json' }),
				url('/api/webhooks/stripe')
			)
		).toBeNull();
		expect(crossSiteRefusal(req('/login', form, 'GET'), url('/login'))).toBeNull();
	});

	it('lets a mail provider’s one-click unsubscribe through, and nothing else under its name', () => {
		expect(crossSiteRefusal(req('/stop/12/abc', form), url('/stop/12/abc'))).toBeNull();
		expect(crossSiteRefusal(req('/stop/12/abc/x', form), url('/stop/12/abc/x'))?.status).toBe(403);
		expect(crossSiteRefusal(req('/stopx/12/abc', form), url('/stopx/12/abc'))?.status).toBe(403);
	});
});
