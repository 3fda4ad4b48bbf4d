/**
 * What is kept of a text that carried a secret (a portal link's token, a one-time code): the text
 * exactly as sent, each secret replaced by a mark. The plain secret exists only in what left for
 * the debtor (access_links and contact_changes keep hashes), so neither staff pages nor a copy of
 * the database can open the debtor's portal with it. Nothing sends a kept text again: a retry or
 * a resend is a new message, written with a fresh link when it goes.
 */

/** What a kept text shows instead of a link's token: `https://…/p/…`. */
export const LINK_MARK = '…';
/** What a kept text shows instead of a one-time code. */
export const CODE_MARK = '••••••';

/** A secret and the mark that replaces it. */
export type Secret = readonly [secret: string, mark: string];

/** `text` with every occurrence of each secret replaced by its mark (an empty secret is no secret). */
export function keptText(text: string, secrets: readonly Secret[]): string;
export function keptText(text: string | undefined, secrets: readonly Secret[]): string | undefined;
export function keptText(text: string | undefined, secrets: readonly Secret[]) {
	if (text === undefined) return text;
	let out = text;
	for (const [secret, mark] of secrets) if (secret) out = out.split(secret).join(mark);
	return out;
}

/** A portal link's token (base32, as auth/tokens.ts makes it) after `/p/`. */
const LINK_TOKEN = /\/p\/[a-z2-7]{16,}/g;

/** Portal links with their token hidden, for a text kept before tokens were taken out of it. */
export function hideLinkTokens(text: string): string {
	return text.replace(LINK_TOKEN, `/p/${LINK_MARK}`);
}

/** A kept text with its portal link `url` put back where the link's kept form stands. */
export function withLink(kept: string, url: string): string {
	const hidden = hideLinkTokens(url);
	return hidden === url ? kept : kept.split(hidden).join(url);
}
