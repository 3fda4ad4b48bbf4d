/**
 * An SMTP server on loopback that takes every mail and keeps it (the `smtp-server` package), for
 * `npm run demo`: Rendez sends real SMTP to it, and what was sent shows at /ops/messages. No TLS
 * and no login: it listens on 127.0.0.1 only.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
	from: string;
	to: string[];
	raw: string;
	at: number;
}

export interface SmtpCatcher {
	/** SMTP_URL for this server */
	url: string;
	port: number;
	mails: CaughtMail[];
	close(): Promise<void>;
}

export async function startSmtpCatcher(
	opts: { port?: number; keep?: number } = {}
): Promise<SmtpCatcher> {
	const mails: CaughtMail[] = [];
	const keep = opts.keep ?? 1000;
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		size: 10 * 1024 * 1024,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				mails.push({
					from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks).toString('utf8'),
					at: Date.now()
				});
				if (mails.length > keep) mails.splice(0, mails.length - keep);
				callback();
			});
		}
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
	});
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://127.0.0.1:${port}`,
		port,
		mails,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
