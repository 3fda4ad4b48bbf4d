import { describe, expect, it } from 'vitest';
import {
	DEFAULT_BODY_BYTES,
	bodyLimitOf,
	limitedRequest
} from '../../src/lib/server/http/body-limit';
import { FORM_ROOM } from '../../src/lib/server/body-limit';
import { MAX_FILE_BYTES } from '../../src/lib/domain/placement';
import { MAX_ATTACHMENT_BYTES } from '../../src/lib/server/services/dispute-files';

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
	new Request('http://x/p?/answer', {
		method: 'POST',
		body,
		headers,
		duplex: 'half'
	} as RequestInit);

/** A body that counts what was taken from it (nothing until it is read). */
function chunked(bytes: number, chunk = 16 * 1024) {
	let sent = 0;
	const stream = new ReadableStream<Uint8Array>(
		{
			pull(c) {
				if (sent >= bytes) return c.close();
				const n = Math.min(chunk, bytes - sent);
				sent += n;
				c.enqueue(new Uint8Array(n).fill(97));
			}
		},
		{ highWaterMark: 0 }
	);
	return { stream, read: () => sent };
}

describe('each route its body limit', () => {
	it('uploads take their file and the form around it; every other route the default', () => {
		expect(bodyLimitOf('/creditor/placements')).toBe(MAX_FILE_BYTES + FORM_ROOM);
		expect(bodyLimitOf('/my/claims/[id=id]/dispute')).toBe(MAX_ATTACHMENT_BYTES + FORM_ROOM);
		expect(bodyLimitOf('/p')).toBe(DEFAULT_BODY_BYTES);
		expect(bodyLimitOf('/login')).toBe(DEFAULT_BODY_BYTES);
		expect(bodyLimitOf(null)).toBe(DEFAULT_BODY_BYTES);
	});

	it('a declared length within the limit is left to the server as it came', () => {
		expect(limitedRequest(post('answer=1', { 'content-length': '8' }), 100)).toBeNull();
		expect(limitedRequest(new Request('http://x/'), 100)).toBeNull();
	});

	it('a declared length over the limit fails with 413 without reading a byte', async () => {
		const body = chunked(1000);
		const r = limitedRequest(post(body.stream, { 'content-length': '1000' }), 100);
		await expect(r!.formData()).rejects.toMatchObject({ status: 413 });
		expect(body.read()).toBe(0);
	});

	it('a chunked body is read up to the limit and fails with 413 there', async () => {
		const big = chunked(10 * 1024 * 1024);
		const r = limitedRequest(post(big.stream), 64 * 1024);
		await expect(r!.text()).rejects.toMatchObject({ status: 413 });
		expect(big.read()).toBeLessThanOrEqual(64 * 1024 + 16 * 1024);
		const small = chunked(1000);
		expect(await limitedRequest(post(small.stream), 64 * 1024)!.text()).toBe('a'.repeat(1000));
	});
});
