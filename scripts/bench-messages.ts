/**
 * `npm run bench:messages -- [--messages N] [--seconds N] [--port N] [--build]`
 *
 * Issue 17's speed check: N due messages (default 100 000: queued reminders of N open claims,
 * half to an e-mail address, half to a mobile number) are rendered and dispatched through the
 * real channels to the local SMTP catcher and the local Twilio-shaped server, by
 * `npm run messages:send` in its own process (as cron runs it beside a server started with
 * RENDEZ_DISPATCHER=0), while /healthz of the built server on the same database is timed one
 * request after another. Prints messages/s and /healthz p50/p99 idle and during the run, in one
 * run. Target: at least 1 000 messages/s, p99 under 50 ms.
 *
 * The app's clock starts on a Tuesday 10:00 Budapest time (RENDEZ_CLOCK_AT), inside the contact
 * window, so C1 lets everything go; every claim is fresh, so C2 lets its one message go.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliArgs, strings, wholeNumber } from './args';
import { buildIfNeeded, healthzOf, latencyStats, startBuiltServer } from './bench-server';
import { startSmtpCatcher } from './catchers/smtp-catcher';
import { startTwilioCatcher } from './catchers/twilio-server';

const USAGE = 'usage: npm run bench:messages -- [--messages N] [--seconds N] [--port N] [--build]';
const { values: given } = cliArgs(USAGE, {
	...strings('messages', 'seconds', 'port'),
	build: { type: 'boolean' }
});
const N = wholeNumber('messages', given.messages, USAGE, 100_000);
const IDLE_SECONDS = wholeNumber('seconds', given.seconds, USAGE, 5);
const PORT = wholeNumber('port', given.port, USAGE, 4391);
const CLOCK_AT = '2026-12-08T10:00';
process.env.RENDEZ_CLOCK_AT = CLOCK_AT;

const { openDatabase, migrateDatabase } = await import('../src/lib/server/db/client');
const { instantAt } = await import('../src/lib/domain/clock');

buildIfNeeded(!!given.build);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rendez-bench-messages-'));
const file = path.join(dir, 'bench.db');

console.log(`building a database with ${N} due messages...`);
const db = openDatabase(file);
migrateDatabase(db);
const t0 = instantAt('2026-12-08', 9);
db.$client.transaction(() => {
	const c = db.$client;
	const creditor = c
		.prepare(
			`INSERT INTO creditors (name, short_name, sector, tax_number, created_at) VALUES ('Bench Bank Zrt.', 'Bench Bank', 'bank', '12345676-2-42', ?)`
		)
		.run(t0).lastInsertRowid;
	const portfolio = c
		.prepare(
			`INSERT INTO portfolios (creditor_id, name, placed_date, created_at) VALUES (?, 'Bench', '2026-10-01', ?)`
		)
		.run(creditor, t0).lastInsertRowid;
	const debtor = c.prepare(
		`INSERT INTO debtors (kind, name, birth_date, postal_code, city, address, email, phone, language, created_at)
		 VALUES ('person', ?, '1980-01-01', '1051', 'Budapest', 'Fő u. 1.', ?, ?, 'hu', ?)`
	);
	const claim = c.prepare(
		`INSERT INTO claims (creditor_id, portfolio_id, debtor_id, reference, currency, placed_date, due_date, stage, stage_changed_at, status, placed_minor, balance_minor, collected_minor, created_at)
		 VALUES (?, ?, ?, ?, 'HUF', '2026-10-01', '2026-09-01', 'friendly_reminder', ?, 'open', 1000000, 1000000, 0, ?)`
	);
	const charge = c.prepare(
		`INSERT INTO ledger_entries (claim_id, component, kind, amount_minor, effective_date, memo, created_at) VALUES (?, 'principal', 'charge', 1000000, '2026-10-01', 'bench', ?)`
	);
	const queued = c.prepare(
		`INSERT INTO outbox (debtor_id, claim_id, channel, template, params_json, dedupe_key, scheduled_at, status, created_at)
		 VALUES (?, ?, ?, 'installment_reminder', '{}', ?, ?, 'queued', ?)`
	);
	for (let i = 0; i < N; i++) {
		const email = i % 2 === 0 ? `adós${i}@bench.example` : null;
		const phone = i % 2 === 1 ? `+3630${String(1_000_000 + i).slice(-7)}` : null;
		const d = debtor.run(`Bench Adós ${i}`, email, phone, t0).lastInsertRowid;
		const cl = claim.run(creditor, portfolio, d, `BM-${i}`, t0, t0).lastInsertRowid;
		charge.run(cl, t0);
		queued.run(d, cl, email ? 'email' : 'sms', `bench:${i}`, t0, t0);
	}
})();
db.$client.close();

const smtp = await startSmtpCatcher({ keep: 10 });
const sms = await startTwilioCatcher({ accountSid: 'ACbench', authToken: 'bench-token' });
const server = startBuiltServer(PORT, {
	DATABASE_URL: file,
	RENDEZ_DISPATCHER: '0',
	RENDEZ_DAILY_TIMER: '0',
	RENDEZ_CLOCK_AT: CLOCK_AT,
	RENDEZ_QUIET: '1'
});
const health = healthzOf(PORT);
try {
	await health.ready(60_000, 200);
	let idleUntil = performance.now() + IDLE_SECONDS * 1000;
	const idle = await health.measure(() => performance.now() < idleUntil);

	const started = performance.now();
	const sender = spawn(
		process.execPath,
		[
			...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROF] : []),
			'--import',
			'tsx',
			'scripts/messages-send.ts'
		],
		{
			env: {
				...process.env,
				DATABASE_URL: file,
				ORIGIN: `http://localhost:${PORT}`,
				SMTP_URL: smtp.url,
				MAIL_FROM: 'Rendez <ertesites@bench.example>',
				RENDEZ_MESSAGE_SECRET: 'bench-secret-bench-secret-bench-secret',
				SMS_PROVIDER: 'twilio',
				TWILIO_ACCOUNT_SID: 'ACbench',
				TWILIO_AUTH_TOKEN: 'bench-token',
				TWILIO_FROM: '+36301110000',
				TWILIO_API_BASE: sms.url,
				RENDEZ_CLOCK_AT: CLOCK_AT,
				RENDEZ_QUIET: '1'
			},
			stdio: ['ignore', 'pipe', 'inherit']
		}
	);
	let out = '';
	sender.stdout.on('data', (b) => (out += b));
	let running = true;
	const done = new Promise<number>((r) => sender.on('exit', (code) => r(code ?? 1)));
	void done.then(() => (running = false));
	const during = await health.measure(() => running);
	const code = await done;
	const seconds = (performance.now() - started) / 1000;

	const check = openDatabase(file);
	const sent = check.$client
		.prepare(`SELECT count(*) FROM messages WHERE status = 'sent'`)
		.pluck()
		.get() as number;
	check.$client.close();
	idleUntil = 0;
	console.log(out.trim());
	console.log(`messages:send exit ${code}`);
	console.log(
		`${sent} of ${N} messages rendered and handed to the channels in ${seconds.toFixed(1)} s: ${(sent / seconds).toFixed(0)} messages/s (SMS at the Twilio-shaped server: ${sms.sent.length})`
	);
	console.log(`/healthz idle:   ${latencyStats(idle)}`);
	console.log(`/healthz during: ${latencyStats(during)}`);
} finally {
	server.kill();
	await smtp.close();
	await sms.close();
	fs.rmSync(dir, { recursive: true, force: true });
}
