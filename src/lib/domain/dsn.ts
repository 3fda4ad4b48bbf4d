/**
 * Bounces: a Delivery Status Notification (RFC 3464) as a mail server returns it, read without
 * any library: the message's own headers (who it was addressed to: our per-message bounce
 * address), and per recipient its Action and Status from the message/delivery-status part.
 *
 * A permanent failure (Status 5.x.x, Action failed) is a hard bounce: the address is no good.
 * A transient one (4.x.x) or a delay says nothing final about the address.
 */

export interface DsnRecipient {
	finalRecipient: string | null;
	action: string;
	/** the enhanced status code, e.g. 5.1.1 */
	status: string | null;
	diagnostic: string | null;
}

export interface Dsn {
	/** the addresses the bounce itself was delivered to (our VERP address among them) */
	envelopeTo: string[];
	/** the Message-ID of the message that bounced, from the returned headers, if any */
	originalMessageId: string | null;
	recipients: DsnRecipient[];
}

export type BounceKind = 'hard' | 'soft' | 'delayed' | 'delivered' | 'none';

/** Header fields of one block of lines (continuation lines unfolded), names lower-cased. */
export function headerFields(block: string): [string, string][] {
	const out: [string, string][] = [];
	for (const line of block.split(/\r?\n/)) {
		if (/^[ \t]/.test(line) && out.length) {
			const last = out[out.length - 1];
			last[1] = last[1] ? `${last[1]} ${line.trim()}` : line.trim();
		} else {
			const i = line.indexOf(':');
			if (i > 0) out.push([line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()]);
		}
	}
	return out;
}

const field = (fields: [string, string][], name: string) =>
	fields.find(([n]) => n === name)?.[1] ?? null;

/** Splits a raw message at its first empty line into header block and body. */
function splitMessage(raw: string): [string, string] {
	const m = /\r?\n\r?\n/.exec(raw);
	return m ? [raw.slice(0, m.index), raw.slice(m.index + m[0].length)] : [raw, ''];
}

function boundaryOf(contentType: string | null): string | null {
	const m = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
	return m ? (m[1] ?? m[2]) : null;
}

/** The parts of a multipart body (nested multiparts flattened), each [headers, body]. */
function parts(headers: [string, string][], body: string, depth = 0): [string, string][] {
	const type = field(headers, 'content-type');
	const boundary = boundaryOf(type);
	if (!boundary || depth > 5) return [];
	const out: [string, string][] = [];
	for (const chunk of body.split(`--${boundary}`).slice(1)) {
		if (chunk.startsWith('--')) break;
		const [h, b] = splitMessage(chunk.replace(/^\r?\n/, ''));
		const hf = headerFields(h);
		if (/^multipart\//i.test(field(hf, 'content-type') ?? '')) out.push(...parts(hf, b, depth + 1));
		else out.push([h, b]);
	}
	return out;
}

// a match starts only where a run of address characters starts (the lookbehind): retried inside a
// long run without an '@', the pattern would be quadratic
const addresses = (s: string | null) =>
	s ? (s.match(/(?<![^\s<>,;"])[^\s<>,;"]+@[^\s<>,;"]+/g) ?? []) : [];

/** Reads a raw bounce. Not a DSN at all: no recipients. */
export function parseDsn(raw: string): Dsn {
	const [head, body] = splitMessage(raw);
	const top = headerFields(head);
	const envelopeTo = [
		...['x-original-to', 'delivered-to', 'envelope-to', 'to'].flatMap((n) =>
			top.filter(([k]) => k === n).flatMap(([, v]) => addresses(v))
		)
	];
	const recipients: DsnRecipient[] = [];
	let originalMessageId: string | null = null;
	for (const [h, b] of parts(top, body)) {
		const type = (field(headerFields(h), 'content-type') ?? '').toLowerCase();
		if (type.startsWith('message/delivery-status')) {
			// per-message fields, then one block per recipient, separated by empty lines
			const blocks = b.split(/\r?\n\s*\r?\n/).map(headerFields);
			for (const f of blocks) {
				const action = field(f, 'action');
				if (!action) continue;
				const status = /(\d\.\d{1,3}\.\d{1,3})/.exec(field(f, 'status') ?? '')?.[1] ?? null;
				const fr = field(f, 'final-recipient') ?? field(f, 'original-recipient');
				recipients.push({
					finalRecipient: fr ? fr.replace(/^[^;]*;\s*/, '') : null,
					action: action.toLowerCase(),
					status,
					diagnostic: field(f, 'diagnostic-code')
				});
			}
		} else if (type.startsWith('text/rfc822-headers') || type.startsWith('message/rfc822')) {
			const id = field(headerFields(splitMessage(b)[0]), 'message-id');
			if (id) originalMessageId = id.trim();
		}
	}
	return { envelopeTo, originalMessageId, recipients };
}

/** What one recipient's report means: 5.x.x failed is hard, 4.x.x soft, a delay nothing yet. */
export function bounceKind(r: DsnRecipient): BounceKind {
	if (r.action === 'delayed') return 'delayed';
	if (r.action === 'delivered' || r.action === 'relayed' || r.action === 'expanded')
		return 'delivered';
	if (r.action !== 'failed') return 'none';
	if (r.status?.startsWith('5.')) return 'hard';
	if (r.status?.startsWith('4.')) return 'soft';
	// a failure without a status: a permanent one by the RFC's default
	return 'hard';
}
