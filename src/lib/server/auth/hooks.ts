/**
 * Resolves the session cookie into `locals.staff` / `locals.debtor`.
 */
import type { Handle } from '@sveltejs/kit';

export const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.staff = null;
	event.locals.debtor = null;
	return resolve(event);
};
