/** Small helpers shared by the auth routes. */
import type { RequestEvent } from '@sveltejs/kit';
import { SESSION_COOKIE, sessionIdOf } from './sessions';

/** The client's address as the adapter sees it (set ADDRESS_HEADER behind a proxy). */
export function clientIp(event: Pick<RequestEvent, 'getClientAddress'>): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** The id of the session the browser holds now, if any (it is ended when a new one starts). */
export function currentSessionId(event: Pick<RequestEvent, 'cookies'>): string | null {
	return sessionIdOf(event.cookies.get(SESSION_COOKIE));
}
