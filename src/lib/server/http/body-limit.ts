/**
 * How large a request body each route takes, enforced before anything reads it (hooks.server.ts).
 * BODY_SIZE_LIMIT (adapter-node) is one number for the whole server and must be 60M for the
 * placement CSVs; without this every form, the anonymous ones too (/p, /belepes, /login), would
 * take and hold 60 MB. Here a route takes the default unless it is an upload, whose limit is its
 * own size constant plus the room for the form's other fields (FORM_ROOM).
 *
 * A body over the limit is never read: with a Content-Length over it the route gets a body that
 * fails at once with 413; without one (chunked) the body is read up to the limit and fails there
 * (memory stays below the limit; a 411 would turn away honest chunked clients, and a chunked body
 * is only as dangerous as its size). The 413 reaches the route where its body is read: a form says
 * it on the error page in the user's language (readForm, +error.svelte), an upload form next to
 * its file field (readUploadForm), the creditor API in its JSON error shape (apiCall), never a 500.
 */
import { error } from '@sveltejs/kit';
import { FORM_ROOM } from '../body-limit';
import { MAX_FILE_BYTES } from '$lib/domain/placement';
import { MAX_STATEMENT_BYTES } from '../services/bank';
import { MAX_ATTACHMENT_BYTES } from '../services/dispute-files';
import { MAX_BOUNCE_BYTES } from '../services/email-feedback';
import { MAX_EVENT_BYTES } from '../payments/webhook';

/**
 * Any other route. The largest non-upload forms hold two 5 000-character fields (MAX.text), at
 * most 45 KB each when every character is percent-encoded UTF-8; 256 KB leaves room for those and
 * the many-row forms (rules, strategy), and stops a 52 MB body at 0.5 %.
 */
export const DEFAULT_BODY_BYTES = 256 * 1024;

/** The routes that take more, by SvelteKit route id. */
const ROUTE_BODY_BYTES: Record<string, number> = {
	'/creditor/placements': MAX_FILE_BYTES + FORM_ROOM,
	'/ops/bank': MAX_STATEMENT_BYTES + FORM_ROOM,
	'/my/claims/[id=id]/dispute': MAX_ATTACHMENT_BYTES + FORM_ROOM,
	'/field': MAX_ATTACHMENT_BYTES + FORM_ROOM,
	'/api/messages/bounces': MAX_BOUNCE_BYTES,
	'/api/webhooks/stripe': MAX_EVENT_BYTES
};

/** The largest body `routeId` takes (bytes). */
export function bodyLimitOf(routeId: string | null): number {
	return (routeId && ROUTE_BODY_BYTES[routeId]) || DEFAULT_BODY_BYTES;
}

/** The 413 a refused body fails with: SvelteKit answers it as an HttpError, readForm by its status. */
function tooLarge(): unknown {
	try {
		error(413, { message: 'too large' });
	} catch (e) {
		return e;
	}
}

/** A body that stops with 413 past `limit` bytes and otherwise passes `body` through unchanged. */
function capped(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
	let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
	let size = 0;
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			reader ??= body.getReader();
			const { done, value } = await reader.read();
			if (done) return controller.close();
			size += value.byteLength;
			// the rest stays unread; cancelling would drop the connection before the 413 is sent
			if (size > limit) return controller.error(tooLarge());
			controller.enqueue(value);
		}
	});
}

/**
 * The request the route is to see, or null when it may read `request` itself: a body whose
 * Content-Length is within the limit (adapter-node stops one that sends more than it said).
 */
export function limitedRequest(request: Request, limit: number): Request | null {
	if (!request.body) return null;
	const declared = request.headers.get('content-length');
	if (declared !== null && /^\d+$/.test(declared) && Number(declared) <= limit) return null;
	const body =
		declared === null
			? capped(request.body, limit)
			: new ReadableStream<Uint8Array>({ start: (c) => c.error(tooLarge()) });
	return new Request(request, { body, duplex: 'half' } as RequestInit);
}
