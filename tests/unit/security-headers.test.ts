import { describe, expect, it } from 'vitest';
import { strictTransportSecurity } from '../../src/lib/server/security-headers';

// the built server with NODE_ENV unset is checked end to end in tests/e2e/security-headers.spec.ts
describe('Strict-Transport-Security', () => {
	it('is sent by a built server whose address is https (the header reads no NODE_ENV)', () => {
		expect(strictTransportSecurity(new URL('https://rendez.example/login'), false)).toBe(
			'max-age=31536000; includeSubDomains'
		);
	});

	it('is not sent over plain http, nor under vite dev', () => {
		expect(strictTransportSecurity(new URL('http://localhost:4173/'), false)).toBeNull();
		expect(strictTransportSecurity(new URL('http://rendez.example/'), false)).toBeNull();
		expect(strictTransportSecurity(new URL('https://localhost:5173/'), true)).toBeNull();
	});
});
