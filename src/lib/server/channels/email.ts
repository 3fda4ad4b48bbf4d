/**
 * E-mail through a real SMTP server with nodemailer (issue 17, item 1). `SMTP_URL` says where and
 * how: `smtp://user:pass@host:587` (STARTTLS when the server offers it; `?requireTLS=true` insists
 * on it), `smtps://…:465` (TLS from the start). `MAIL_FROM` is the sender, e.g.
 * `Rendez <ertesites@rendez.example.hu>`.
 *
 * Every message carries our own Message-ID (matched by delivery reports), a bounce address of its
 * own (VERP: `bounce+<id>.<mac>@<domain>`, so a bounce names the message it belongs to without
 * any guessing), a one-click List-Unsubscribe (RFC 8058) and a text and an HTML part.
 *
 * Bounces arrive as raw DSNs (RFC 3464) posted by the mail server's pipe to
 * /api/messages/bounces with the shared secret in `X-Rendez-Bounce-Secret`
 * (RENDEZ_BOUNCE_SECRET); `verifyCallback` checks it and `parseReport` turns the DSN into
 * delivery reports.
 */
import { timingSafeEqual } from 'node:crypto';
import nodemailer from 'nodemailer';
import { bounceKind, parseDsn } from '$lib/domain/dsn';
import type {
	CallbackRequest,
	DeliveryReport,
	MessageChannelAdapter,
	OutgoingMessage,
	SendOutcome
} from './types';
import { messageIdOfVerp, messageSecret, verpLocal } from './tokens';
import { createHmac } from 'node:crypto';

export interface EmailConfig {
	smtpUrl: string;
	/** `Name <address>` or a bare address */
	from: string;
	/** HMAC secret of bounce addresses and Message-IDs */
	secret: string;
	/** the shared secret a bounce post must carry; none: bounce posts are refused */
	bounceSecret?: string;
}

export const BOUNCE_SECRET_HEADER = 'x-rendez-bounce-secret';

/** The bare address and its domain in `Name <a@b>` or `a@b`. */
export function senderAddress(from: string): { address: string; domain: string } {
	const address = (/<([^>]+)>/.exec(from)?.[1] ?? from).trim();
	const at = address.lastIndexOf('@');
	if (at < 1) throw new Error('MAIL_FROM must be an e-mail address');
	return { address, domain: address.slice(at + 1) };
}

/** Our Message-ID of a message: fixed by its id, so a report can be matched without a lookup. */
export function emailMessageId(messageId: number, domain: string, secret: string): string {
	const mac = createHmac('sha256', secret).update(`msgid:${messageId}`).digest('hex').slice(0, 16);
	return `<rendez.${messageId}.${mac}@${domain}>`;
}

const escapeHtml = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The HTML part: the same text, paragraphs kept, links made clickable. */
export function textToHtml(text: string, lang: string): string {
	const paras = text
		.split(/\n{2,}/)
		.map((p) =>
			escapeHtml(p)
				.replace(/https?:\/\/[^\s<]+/g, (u) => `<a href="${u}">${u}</a>`)
				.replace(/\n/g, '<br>')
		)
		.map((p) => `<p>${p}</p>`)
		.join('\n');
	return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"></head><body style="font-family:sans-serif;line-height:1.5">\n${paras}\n</body></html>`;
}

function sameSecret(a: string, b: string): boolean {
	const x = Buffer.from(a);
	const y = Buffer.from(b);
	return x.length === y.length && timingSafeEqual(x, y);
}

export interface EmailChannel extends MessageChannelAdapter {
	/** the Message-ID (provider id) the channel gives a message */
	providerIdOf(messageId: number): string;
	/** the envelope sender (bounce address) of a message */
	bounceAddressOf(messageId: number): string;
}

/** Commands before the message's content is handed over: a failure there sent nothing. */
const BEFORE_DATA = ['CONN', 'EHLO', 'HELO', 'LHLO', 'STARTTLS', 'MAIL FROM', 'RCPT TO', 'API'];

/**
 * What an SMTP failure means for the message: a 5xx to RCPT TO refuses the address (permanent,
 * the address invalid); another 5xx refuses this message for good (but an authentication failure
 * is our configuration: try again later); a 4xx, or a connection that failed before the content
 * went, sent nothing (try again later); a connection lost after the content went may have
 * delivered it (uncertain: never sent again by itself).
 */
export function smtpRefusal(e: unknown): Extract<SendOutcome, { ok: false }> {
	const err = e as { responseCode?: number; code?: string; command?: string; name?: string };
	const code = typeof err.responseCode === 'number' ? err.responseCode : null;
	const command = err.command ?? '';
	const auth = command.startsWith('AUTH') || err.code === 'EAUTH';
	const error = code ? `smtp_${code}` : `smtp_${err.code ?? err.name ?? 'error'}`;
	if (code && code >= 500 && !auth)
		return { ok: false, error, permanent: true, addressInvalid: command === 'RCPT TO' };
	if (code || auth || BEFORE_DATA.includes(command)) return { ok: false, error, permanent: false };
	return { ok: false, error, permanent: false, uncertain: true };
}

export function createEmailChannel(cfg: EmailConfig): EmailChannel {
	const { domain } = senderAddress(cfg.from);
	const transport = nodemailer.createTransport({
		url: cfg.smtpUrl,
		pool: true,
		maxConnections: 8,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 60_000
	} as Parameters<typeof nodemailer.createTransport>[0]);
	const providerIdOf = (id: number) => emailMessageId(id, domain, cfg.secret);
	const bounceAddressOf = (id: number) => `${verpLocal(id, cfg.secret)}@${domain}`;
	return {
		channel: 'email',
		providerIdOf,
		bounceAddressOf,
		async send(m: OutgoingMessage): Promise<SendOutcome> {
			const providerId = providerIdOf(m.messageId);
			const headers: Record<string, string> = {};
			if (m.unsubscribeUrl) {
				headers['List-Unsubscribe'] = `<${m.unsubscribeUrl}>`;
				headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
			}
			try {
				await transport.sendMail({
					from: cfg.from,
					to: m.to,
					subject: m.subject ?? '',
					text: m.text,
					html: m.html ?? textToHtml(m.text, m.lang),
					messageId: providerId,
					envelope: { from: bounceAddressOf(m.messageId), to: [m.to] },
					headers
				});
				return { ok: true, providerId };
			} catch (e) {
				return smtpRefusal(e);
			}
		},
		verifyCallback(req: CallbackRequest): boolean {
			const given = req.headers.get(BOUNCE_SECRET_HEADER);
			return !!cfg.bounceSecret && !!given && sameSecret(given, cfg.bounceSecret);
		},
		parseReport(req: CallbackRequest): DeliveryReport[] {
			const dsn = parseDsn(req.body);
			// the message: from our bounce address the DSN was delivered to, else the returned Message-ID
			const verpId = dsn.envelopeTo.map((a) => messageIdOfVerp(a, cfg.secret)).find((x) => x);
			const providerId = verpId ? providerIdOf(verpId) : dsn.originalMessageId;
			if (!providerId) return [];
			const out: DeliveryReport[] = [];
			for (const r of dsn.recipients) {
				const kind = bounceKind(r);
				if (kind === 'hard')
					out.push({
						providerId,
						status: 'bounced',
						addressInvalid: true,
						detail: `bounce_${r.status ?? '5.0.0'}`
					});
				else if (kind === 'soft')
					out.push({ providerId, status: 'failed', detail: `soft_bounce_${r.status}` });
				else if (kind === 'delivered') out.push({ providerId, status: 'delivered' });
			}
			return out;
		},
		async close() {
			transport.close();
		}
	};
}

/** The e-mail channel as the environment configures it, or null when SMTP_URL is not set. */
export function emailFromEnv(
	env: Record<string, string | undefined> = process.env
): EmailChannel | null {
	if (!env.SMTP_URL) return null;
	return createEmailChannel({
		smtpUrl: env.SMTP_URL,
		from: env.MAIL_FROM || 'Rendez <noreply@localhost>',
		secret: messageSecret(env),
		bounceSecret: env.RENDEZ_BOUNCE_SECRET || undefined
	});
}
