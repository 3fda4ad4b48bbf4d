/**
 * Signed values in what we send by e-mail: the one-click unsubscribe link and the per-message bounce
 * address (VERP). Both are an HMAC of the message id with the server's message secret, so a link
 * or a bounce address cannot be made up for another message.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const DEV_SECRET = 'rendez-dev-message-secret: set RENDEZ_MESSAGE_SECRET in production';

/** RENDEZ_MESSAGE_SECRET; a fixed development value where unset (a built server refuses that). */
export function messageSecret(env: Record<string, string | undefined> = process.env): string {
	return env.RENDEZ_MESSAGE_SECRET || DEV_SECRET;
}

function mac(secret: string, purpose: string, messageId: number, length: number): string {
	return createHmac('sha256', secret)
		.update(`${purpose}:${messageId}`)
		.digest('base64url')
		.replace(/[-_]/g, 'x')
		.slice(0, length)
		.toLowerCase();
}

function same(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

/** The token of a message's one-click unsubscribe link. */
export function unsubscribeToken(messageId: number, secret = messageSecret()): string {
	return mac(secret, 'unsubscribe', messageId, 32);
}

export function checkUnsubscribeToken(
	messageId: number,
	token: string,
	secret = messageSecret()
): boolean {
	return same(unsubscribeToken(messageId, secret), token);
}

/** The path of a message's one-click unsubscribe link (the e-mail's List-Unsubscribe). */
export function unsubscribePath(messageId: number, secret = messageSecret()): string {
	return `/stop/${messageId}/${unsubscribeToken(messageId, secret)}`;
}

/** The local part of a message's bounce address: `bounce+<id>.<mac>`. */
export function verpLocal(messageId: number, secret = messageSecret()): string {
	return `bounce+${messageId}.${mac(secret, 'verp', messageId, 12)}`;
}

/** The message id a bounce address stands for, or null when it is not one of ours (or forged). */
export function messageIdOfVerp(address: string, secret = messageSecret()): number | null {
	const m = /bounce\+(\d{1,15})\.([a-z0-9]{12})@/i.exec(address);
	if (!m) return null;
	const id = Number(m[1]);
	return same(verpLocal(id, secret), `bounce+${m[1]}.${m[2].toLowerCase()}`) ? id : null;
}
