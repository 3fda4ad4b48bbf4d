/** Random tokens and their stored form. Only hashes are ever stored. */
import { hash, timingSafeEqual } from 'node:crypto';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** 160 random bits in lower-case base32 (32 characters): safe in a URL, easy to read aloud. */
export function randomToken(bytes = 20): string {
	const b = new Uint8Array(bytes);
	crypto.getRandomValues(b);
	return encodeBase32LowerCaseNoPadding(b);
}

/** SHA-256 of a text's UTF-8 bytes: Node's native one-shot, since every signed-in request runs it. */
export function sha256Text(text: string): Uint8Array {
	return hash('sha256', text, 'buffer');
}

/** Whether two digests are equal, in time that does not depend on where they differ (Node's native compare). */
export function sameDigest(a: Uint8Array, b: Uint8Array): boolean {
	return a.byteLength === b.byteLength && timingSafeEqual(a, b);
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256Text(token));
}
