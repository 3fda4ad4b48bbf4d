import { json } from '@sveltejs/kit';
import { openApiDocument } from '$lib/server/http/api-doc';
import type { RequestHandler } from './$types';

/** The API's description, public like any API reference. */
export const GET: RequestHandler = ({ url }) => json(openApiDocument(url.origin));
