/**
 * The Strict-Transport-Security header, or null when it must not be sent.
 *
 * Sent on every response of a server whose own address is https, whatever NODE_ENV says:
 * adapter-node builds `event.url` from ORIGIN (or from PROTOCOL_HEADER behind a proxy), so an
 * https `url` means the site is served over TLS. This is what RFC 6797 and OWASP's HTTP Strict
 * Transport Security cheat sheet ask: send it on every HTTPS response, and not over plain HTTP
 * (browsers ignore it there, and it would say nothing true). Never under `vite dev`, so that a
 * developer's https localhost is not pinned to https for a year.
 */
export const HSTS_VALUE = 'max-age=31536000; includeSubDomains';

export function strictTransportSecurity(url: URL, dev: boolean): string | null {
	return !dev && url.protocol === 'https:' ? HSTS_VALUE : null;
}
