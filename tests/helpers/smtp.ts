/**
 * A real SMTP server on loopback (the `smtp-server` package) that keeps every message it receives,
 * for the e-mail tests and the e2e server: `const smtp = await startSmtp()`, send through
 * `smtp.url`, read `smtp.messages` (envelope, headers, decoded text and HTML parts), `smtp.close()`.
 * It asks for the user and password of the URL (AUTH PLAIN/LOGIN) and offers no STARTTLS, as a
 * plain local relay would; `reject` makes it refuse recipients (a 550 at RCPT TO).
 */
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { headerFields } from '../../src/lib/domain/dsn';

export interface ReceivedMail {
	envelopeFrom: string;
	envelopeTo: string[];
	raw: string;
	/** header fields, names lower-case, values unfolded (still MIME-encoded words) */
	headers: [string, string][];
	header(name: string): string | null;
	text: string;
	html: string;
}

export interface SmtpHarness {
	url: string;
	port: number;
	messages: ReceivedMail[];
	/** recipients refused with 550 (a mailbox that does not exist) */
	reject: Set<string>;
	/** resolves when at least n messages have arrived */
	waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
	close(): Promise<void>;
}

function decodeQp(s: string): Buffer {
	const soft = s.replace(/=\r?\n/g, '');
	const bytes: number[] = [];
	for (let i = 0; i < soft.length; i++) {
		const c = soft[i];
		if (c === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
			bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
			i += 2;
		} else bytes.push(...Buffer.from(c, 'utf8'));
	}
	return Buffer.from(bytes);
}

function decodePart(headers: [string, string][], body: string): string {
	const enc = (headers.find(([n]) => n === 'content-transfer-encoding')?.[1] ?? '').toLowerCase();
	if (enc === 'quoted-printable') return decodeQp(body).toString('utf8');
	if (enc === 'base64') return Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8');
	return body;
}

/** The text/plain and text/html parts of a raw message, decoded. */
export function mailParts(raw: string): { text: string; html: string } {
	const out = { text: '', html: '' };
	const walk = (block: string, depth: number) => {
		const m = /\r?\n\r?\n/.exec(block);
		const head = m ? block.slice(0, m.index) : block;
		const body = m ? block.slice(m.index + m[0].length) : '';
		const h = headerFields(head);
		const type = (h.find(([n]) => n === 'content-type')?.[1] ?? 'text/plain').toLowerCase();
		const boundary = /boundary="?([^";]+)"?/i.exec(
			h.find(([n]) => n === 'content-type')?.[1] ?? ''
		)?.[1];
		if (type.startsWith('multipart/') && boundary && depth < 5) {
			for (const chunk of body.split(`--${boundary}`).slice(1)) {
				if (chunk.startsWith('--')) break;
				walk(chunk.replace(/^\r?\n/, ''), depth + 1);
			}
		} else if (type.startsWith('text/html')) out.html += decodePart(h, body);
		else if (type.startsWith('text/plain')) out.text += decodePart(h, body);
	};
	walk(raw, 0);
	return out;
}

export async function startSmtp(
	opts: { user?: string; pass?: string; port?: number } = {}
): Promise<SmtpHarness> {
	const user = opts.user ?? 'rendez';
	const pass = opts.pass ?? 'smtp-test-pass';
	const messages: ReceivedMail[] = [];
	const reject = new Set<string>();
	const waiters: (() => void)[] = [];
	const server = new SMTPServer({
		secure: false,
		disabledCommands: ['STARTTLS'],
		allowInsecureAuth: true,
		authOptional: false,
		logger: false,
		onAuth(auth, _session, cb) {
			if (auth.username === user && auth.password === pass) cb(null, { user });
			else cb(new Error('Invalid username or password'));
		},
		onRcptTo(address, _session, cb) {
			if (reject.has(address.address.toLowerCase())) {
				const e = new Error('5.1.1 mailbox unavailable') as Error & { responseCode: number };
				e.responseCode = 550;
				return cb(e);
			}
			cb();
		},
		onData(stream, session, cb) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				const raw = Buffer.concat(chunks).toString('utf8');
				const m = /\r?\n\r?\n/.exec(raw);
				const headers = headerFields(m ? raw.slice(0, m.index) : raw);
				const parts = mailParts(raw);
				messages.push({
					envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
					envelopeTo: session.envelope.rcptTo.map((r) => r.address),
					raw,
					headers,
					header: (name) => headers.find(([n]) => n === name.toLowerCase())?.[1] ?? null,
					...parts
				});
				for (const w of waiters.splice(0)) w();
				cb();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
	const port = (server.server.address() as AddressInfo).port;
	return {
		url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
		port,
		messages,
		reject,
		async waitFor(n, timeoutMs = 10_000) {
			const until = Date.now() + timeoutMs;
			while (messages.length < n) {
				if (Date.now() > until) throw new Error(`expected ${n} e-mails, got ${messages.length}`);
				await new Promise<void>((r) => {
					waiters.push(r);
					setTimeout(r, 100);
				});
			}
			return messages;
		},
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}
