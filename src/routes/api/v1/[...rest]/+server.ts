import { apiNotFound } from '$lib/server/http/api';
import type { RequestHandler } from './$types';

// An address no endpoint has (`claims/abc`, a typo) answers in the API's JSON error shape, for
// every method, never with the site's HTML page.
export const fallback: RequestHandler = () => apiNotFound();
