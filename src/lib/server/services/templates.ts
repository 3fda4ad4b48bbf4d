/**
 * The text a message is sent with (issue 17, item 2): for a template key, channel and language the
 * newest row of template_versions (admins' edits: each one a new version), else the built-in text
 * of domain/messages.ts (version 0, no row). Filled with the placeholders the channel may carry
 * (C3 by construction: `render` refuses any other), and hashed, so that every sent message keeps
 * the exact text and its SHA-256.
 */
import { stmt } from '../db/per-connection';
import { createHash } from 'node:crypto';
import { render, templateFor, type Lang, type MessageChannel } from '$lib/domain/messages';
import type { DB } from '../db/client';

export interface CurrentTemplate {
	key: string;
	channel: MessageChannel;
	lang: Lang;
	/** 0: the built-in text */
	version: number;
	/** null: the built-in text */
	templateVersionId: number | null;
	subject?: string;
	body: string;
}

/** The text in force for (key, channel, lang), or null when there is none (neither edited nor built in). */
export function currentTemplate(
	db: DB,
	key: string,
	channel: MessageChannel,
	lang: Lang
): CurrentTemplate | null {
	// every message asks: one statement prepared once (per-connection), not a query built each time
	const row = stmt(
		db,
		`SELECT id, version, subject, body FROM template_versions
		  WHERE key = ? AND channel = ? AND language = ? ORDER BY version DESC LIMIT 1`
	).get(key, channel, lang) as
		{ id: number; version: number; subject: string | null; body: string } | undefined;
	if (row)
		return {
			key,
			channel,
			lang,
			version: row.version,
			templateVersionId: row.id,
			subject: row.subject ?? undefined,
			body: row.body
		};
	const builtIn = templateFor(key, channel, lang);
	if (!builtIn) return null;
	return { key, channel, lang, version: 0, templateVersionId: null, ...builtIn };
}

/** SHA-256 (hex) of the exact text sent: the subject (empty for an SMS), a blank line, the body. */
export function textHash(subject: string | undefined | null, body: string): string {
	return createHash('sha256')
		.update(`${subject ?? ''}\n\n${body}`, 'utf8')
		.digest('hex');
}

export interface RenderedMessage {
	subject?: string;
	body: string;
	bodyHash: string;
	templateVersionId: number | null;
	version: number;
}

/**
 * The text of a message as it will be sent. Null when no template exists for it; throws when the
 * text uses a placeholder the channel may not carry or that was not given.
 */
export function renderTemplate(
	db: DB,
	key: string,
	channel: MessageChannel,
	lang: Lang,
	params: Record<string, string>
): RenderedMessage | null {
	const t = currentTemplate(db, key, channel, lang);
	if (!t) return null;
	const r = render({ subject: t.subject, body: t.body }, channel, params);
	return {
		subject: r.subject,
		body: r.body,
		bodyHash: textHash(r.subject, r.body),
		templateVersionId: t.templateVersionId,
		version: t.version
	};
}
