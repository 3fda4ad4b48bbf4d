/**
 * `npm run demo`: migrate, seed if the database is empty, build, and serve the built app
 * (`node build`) with the demo payment gateway, then print where to go.
 *
 * Honours PORT (default 3000), ORIGIN (default http://localhost:$PORT) and DATABASE_URL (default
 * ./data/rendez.db) as `node build` does; PAYMENT_GATEWAY defaults to `demo` here.
 *
 * Messages leave for real, to catchers on loopback started here: an SMTP server (SMTP_URL) and a
 * Twilio-shaped SMS server (SMS_PROVIDER=twilio, TWILIO_API_BASE) that reports every SMS delivered
 * through the app's signed status callback, as Twilio would. What was "sent" shows at /ops/messages;
 * the SMS catcher's own page lists the texts and can answer one with STOP. An SMTP_URL or
 * SMS_PROVIDER already in the environment is used instead of its catcher.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { databasePath } from '../src/lib/server/db/client';
import { demoAccountsText } from '../src/lib/server/db/seed/demo-accounts';
import { cliArgs } from './args';
import { hasData, openMigrated } from './db';
import { startSmtpCatcher } from './catchers/smtp-catcher';
import { startTwilioCatcher } from './catchers/twilio-server';

cliArgs(
	'usage: npm run demo (no options; DATABASE_URL and the other settings come from the environment)',
	{}
);

const env = { ...process.env };
env.PORT ||= '3000';
env.ORIGIN ||= `http://localhost:${env.PORT}`;
env.PAYMENT_GATEWAY ||= 'demo';
// 50 MB CSV placements and 5 MB dispute attachments need more than adapter-node's 512K default
env.BODY_SIZE_LIMIT ||= '60M';
env.DATABASE_URL ||= databasePath(env);
const origin = env.ORIGIN.replace(/\/$/, '');
const file = databasePath(env);

function step(msg: string) {
	console.log(`\n== ${msg}`);
}

function run(cmd: string, args: string[]) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', env });
	if (r.status !== 0) {
		console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}).`);
		process.exit(r.status ?? 1);
	}
}

// 1. migrate, and find out whether there is anything in the database
step(`Database ${path.resolve(file)}`);
/** the seed the database was filled with (from the seed's audit row), so the right links print */
let seeded: number | null = null;
const { db, migrations: s } = openMigrated(file);
const empty = !hasData(db);
const row = db.$client
	.prepare(`SELECT after_json FROM audit_log WHERE action = 'seed.run' ORDER BY id DESC LIMIT 1`)
	.get() as { after_json: string } | undefined;
if (row) seeded = Number(JSON.parse(row.after_json).seed) || null;
db.$client.close();
console.log(
	`${s.applied} of ${s.known} migrations applied; ${empty ? 'empty' : 'has data (kept as it is)'}.`
);

// 2. seed (default seed 1, 5 000 claims: the logins and links below are for seed 1)
if (empty) {
	step('Seeding demo data (seed 1, 5 000 claims)');
	run(process.execPath, ['--import', 'tsx', 'scripts/seed.ts', '--quiet']);
	seeded = 1;
	console.log('Done.');
}

// 3. build
step('Building (vite build)');
run(process.execPath, [
	path.resolve('node_modules/vite/bin/vite.js'),
	'build',
	'--logLevel',
	'warn'
]);

// 4. message catchers: real SMTP and a Twilio-shaped SMS API, on loopback; e-mail's unsubscribe
// links and bounce addresses are signed with a secret made for this run (a server with e-mail
// refuses to start without one)
const caught: string[] = [];
env.RENDEZ_MESSAGE_SECRET ||= randomBytes(32).toString('hex');
if (!env.SMTP_URL) {
	const smtp = await startSmtpCatcher();
	env.SMTP_URL = smtp.url;
	env.MAIL_FROM ||= 'Rendez <ertesites@rendez.example>';
	caught.push(`E-mails:       caught by the SMTP server at ${smtp.url}`);
}
if (!env.SMS_PROVIDER) {
	const accountSid = 'AC' + randomBytes(16).toString('hex');
	const authToken = randomBytes(16).toString('hex');
	const sms = await startTwilioCatcher({
		accountSid,
		authToken,
		autoReport: true,
		inboundUrl: `${origin}/api/sms/inbound`
	});
	Object.assign(env, {
		SMS_PROVIDER: 'twilio',
		TWILIO_ACCOUNT_SID: accountSid,
		TWILIO_AUTH_TOKEN: authToken,
		TWILIO_FROM: '+3612345678',
		TWILIO_API_BASE: sms.url
	});
	caught.push(`SMS:           caught at ${sms.url}/ (reply STOP there)`);
}

// 5. serve
step(`Starting the server on ${origin}`);
const server = spawn(process.execPath, ['build'], { stdio: 'inherit', env });
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

async function waitHealthy(): Promise<boolean> {
	const url = `http://127.0.0.1:${env.PORT}/healthz`;
	for (let i = 0; i < 120; i++) {
		try {
			const r = await fetch(url);
			if (r.ok) return true;
		} catch {
			/* not listening yet */
		}
		if (server.exitCode !== null) return false;
		await new Promise((r) => setTimeout(r, 250));
	}
	return false;
}

void waitHealthy().then((ok) => {
	if (!ok) {
		console.error(`The server did not answer ${origin}/healthz; see the messages above.`);
		return;
	}
	console.log(`
Rendez is running.

Landing page:  ${origin}/
Health check:  ${origin}/healthz
Messages sent: ${origin}/ops/messages
${caught.join('\n')}
${
	seeded !== null
		? `${demoAccountsText(seeded, origin)}\n(Demo data of seed ${seeded}.)`
		: `Staff sign-in: ${origin}/login (this database was not filled by the demo seed; to start over: npm run db:seed -- --reset)`
}
Stop with Ctrl+C.
`);
});
