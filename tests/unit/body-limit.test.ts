import { describe, expect, it } from 'vitest';
import { bodySizeLimit, megabytes, uploadLimit } from '../../src/lib/server/body-limit';

describe('the server body limit as upload forms state it', () => {
	it('reads BODY_SIZE_LIMIT as adapter-node does', () => {
		expect(bodySizeLimit({})).toBe(512 * 1024);
		expect(bodySizeLimit({ BODY_SIZE_LIMIT: '60M' })).toBe(60 * 1024 * 1024);
		expect(bodySizeLimit({ BODY_SIZE_LIMIT: '2g' })).toBe(2 * 1024 ** 3);
		expect(bodySizeLimit({ BODY_SIZE_LIMIT: '1000' })).toBe(1000);
		expect(bodySizeLimit({ BODY_SIZE_LIMIT: 'Infinity' })).toBe(Infinity);
	});
	it('a form promises the smaller of its own limit and what the server takes, less room for its other fields', () => {
		const five = 5 * 1024 * 1024;
		expect(uploadLimit(five, { BODY_SIZE_LIMIT: '60M' })).toBe(five);
		expect(uploadLimit(five, {})).toBe(512 * 1024 - 64 * 1024);
		expect(uploadLimit(five, { BODY_SIZE_LIMIT: '10K' })).toBe(0);
		expect(megabytes(five)).toBe(5);
		expect(megabytes(448 * 1024)).toBe(0.4);
		expect(megabytes(50 * 1024 * 1024)).toBe(50);
	});
});
