import { describe, expect, it } from 'vitest';
import { crossSiteRefusal } from '../../src/lib/server/csrf';

const SITE = new URL('https://rendez.example.hu/ops/claims');

function req(
	method: string,
	path: string,
	headers: Record<string, string> = {},
	body?: string
): [Request, URL] {
	const url = new URL(path, SITE);
	return [new Request(url, { method, headers, body }), url];
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('cross-site form check', () => {
	it('refuses a form post from another origin or without one, as SvelteKit does', async () => {
		for (const type of [
			'application/x-www-form-urlencoded',
			'multipart/form-data; boundary=x',
			'text/plain;charset=UTF-8',
			'application/x-sveltekit-formdata'
		]) {
			for (const origin of [{ origin: 'https://evil.example' }, {}] as Record<string, string>[]) {
				const res = crossSiteRefusal(
					...req('POST', '/ops/claims', { 'content-type': type, ...origin }, 'a=1')
				);
				expect(res?.status, `${type} ${JSON.stringify(origin)}`).toBe(403);
				expect(await res!.text()).toBe('Cross-site POST form submissions are forbidden');
			}
		}
		const json = crossSiteRefusal(
			...req('DELETE', '/x', { ...FORM, accept: 'application/json' }, 'a=1')
		);
		expect(await json!.json()).toEqual({
			message: 'Cross-site DELETE form submissions are forbidden'
		});
	});

	it('lets through the same origin, safe methods and non-form bodies', () => {
		expect(
			crossSiteRefusal(...req('POST', '/ops/claims', { ...FORM, origin: SITE.origin }, 'a=1'))
		).toBeNull();
		expect(crossSiteRefusal(...req('GET', '/ops/claims', FORM))).toBeNull();
		expect(
			crossSiteRefusal(
				...req('POST', '/api/webhooks/stripe', { 'content-type': 'application/json' }, '{}')
			)
		).toBeNull();
	});

	it('leaves the key-authenticated API to answer a form body itself', () => {
		expect(crossSiteRefusal(...req('POST', '/api/v1/claims', FORM, 'a=1'))).toBeNull();
		expect(crossSiteRefusal(...req('POST', '/api/v1/claims/7/recall', FORM, 'a=1'))).toBeNull();
		expect(crossSiteRefusal(...req('POST', '/api/v1x', FORM, 'a=1'))?.status).toBe(403);
	});

	it('lets the SMS provider post its callbacks, and nothing else under /api/sms', () => {
		expect(crossSiteRefusal(...req('POST', '/api/sms/status', FORM, 'a=1'))).toBeNull();
		expect(crossSiteRefusal(...req('POST', '/api/sms/inbound', FORM, 'a=1'))).toBeNull();
		expect(crossSiteRefusal(...req('POST', '/api/sms/status/', FORM, 'a=1'))?.status).toBe(403);
		expect(crossSiteRefusal(...req('POST', '/api/sms/other', FORM, 'a=1'))?.status).toBe(403);
		expect(crossSiteRefusal(...req('PUT', '/api/sms/status', FORM, 'a=1'))?.status).toBe(403);
	});

	it('lets a mail provider’s one-click unsubscribe through, and nothing else under its name', () => {
		expect(crossSiteRefusal(...req('POST', '/stop/12/abc', FORM, 'a=1'))).toBeNull();
		expect(crossSiteRefusal(...req('POST', '/stop/12/abc/x', FORM, 'a=1'))?.status).toBe(403);
		expect(crossSiteRefusal(...req('POST', '/stopx/12/abc', FORM, 'a=1'))?.status).toBe(403);
	});
});
