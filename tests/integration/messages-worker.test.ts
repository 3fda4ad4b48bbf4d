/**
 * Running the dispatcher (issue 17, item 4): the server's worker thread sends off the request
 * thread, and `npm run messages:send` sends what is due once and exits. Both on a real SQLite file,
 * with e-mail to a real SMTP server; the scenario is the fresh link a debtor asks for (it goes at
 * once, whatever the hour, so the wall clock these run on does not matter).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, scalar, tempDbPath } from '../helpers/db';
import { createClock } from '../../src/lib/domain/clock';
import { setClock } from '../../src/lib/server/clock';
import { startSmtp, type SmtpHarness } from '../helpers/smtp';
import { messageWorld } from '../helpers/messages-fixtures';
import { mintAccessLink } from '../../src/lib/server/auth/links';
import { requestFreshLink } from '../../src/lib/server/services/access';
import { startDispatcher, stopDispatcher } from '../../src/lib/server/jobs/dispatch-runner';

const run = promisify(execFile);
let smtp: SmtpHarness;
const saved = { ...process.env };

beforeAll(async () => {
	smtp = await startSmtp();
});
afterAll(async () => {
	await stopDispatcher();
	await smtp.close();
	for (const k of ['SMTP_URL', 'MAIL_FROM', 'RENDEZ_MESSAGE_SECRET', 'ORIGIN'])
		if (saved[k] === undefined) delete process.env[k];
		else process.env[k] = saved[k];
});

function world() {
	// the worker and the script run on the wall clock: so does this test's clock
	setClock(createClock());
	const file = tempDbPath('messages-worker');
	const db = freshDb(file);
	const { debtorId } = messageWorld(db);
	const old = mintAccessLink(db, { kind: 'system', job: 'test' }, debtorId);
	return { db, file, old };
}

const env = () => ({
	SMTP_URL: smtp.url,
	MAIL_FROM: 'Rendez <ertesites@rendez.test>',
	RENDEZ_MESSAGE_SECRET: 'worker-test-secret',
	ORIGIN: 'https://portal.rendez.test'
});

describe('running the dispatcher', () => {
	it('the server’s dispatcher worker sends a requested fresh link off the request thread', async () => {
		smtp.messages.length = 0;
		const { db, file, old } = world();
		Object.assign(process.env, env());
		startDispatcher(file, { everyMs: 200 });
		expect(requestFreshLink(db, old.token, '192.0.2.20')).toBe(true);
		const [mail] = await smtp.waitFor(1, 20_000);
		expect(mail.envelopeTo).toEqual(['elek@example.hu']);
		expect(mail.text).toMatch(/https:\/\/portal\.rendez\.test\/p\/[a-z2-7]{32}/);
		// the worker records the hand-over right after the SMTP server took it
		await expect
			.poll(() => scalar(db, `SELECT status FROM messages`), { timeout: 5_000 })
			.toBe('sent');
		await stopDispatcher();
	}, 30_000);

	it('npm run messages:send sends what is due once and exits', async () => {
		smtp.messages.length = 0;
		const { db, file, old } = world();
		expect(requestFreshLink(db, old.token, '192.0.2.21')).toBe(true);
		const script = () =>
			run('node_modules/.bin/tsx', ['scripts/messages-send.ts'], {
				env: { ...process.env, ...env(), DATABASE_URL: file, RENDEZ_QUIET: '1' }
			});
		const first = await script();
		expect(first.stdout).toMatch(/1 created, 1 sent, 0 failed/);
		const second = await script();
		expect(second.stdout).toMatch(/0 created, 0 sent/);
		expect(smtp.messages).toHaveLength(1);
		expect(scalar(db, `SELECT status FROM outbox`)).toBe('sent');
	}, 30_000);
});
