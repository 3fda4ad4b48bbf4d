/**
 * The whole message loop in the browser (issue 17): a creditor's new claim is placed (the import
 * script, the same placement as the upload page), an operator runs today's engine pass again, the
 * engine plans the friendly reminder, the server's dispatcher sends it as an e-mail to a real SMTP
 * server this test starts, the link in that e-mail opens the portal, the debtor answers the
 * question and pays in full, and the next engine pass plans no more messages for that claim. The
 * e-mail's one-click unsubscribe works as a mail provider posts it (no session, no Origin).
 *
 * A second built server of our own carries the mail settings (SMTP_URL to the test's SMTP server);
 * its clock is inside the contact window whatever the hour the suite runs at (see below).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { addDays, DAY_MS, instantAt, localDate } from '../../src/lib/domain/clock';
import { isBusinessDay, nextBusinessDay } from '../../src/lib/domain/holidays';
import { startSmtp } from '../helpers/smtp';
import {
	demo,
	E2E_DB,
	e2eRow,
	extraPort,
	extraServer,
	gotoReady,
	signInPage
} from './access-helpers';
import { runTodayAgain } from './engine-helpers';

const run = promisify(execFile);

test('the engine plans, the e-mail arrives, its link opens the portal, the debtor pays, the reminders stop', async ({
	browser
}) => {
	test.setTimeout(150_000);
	// the app's clock inside the window (C1): the real time during the working day; before it,
	// 10:00 Budapest today; after it, 10:00 on the next business day. Never behind the real time:
	// the browser drops a debtor's cookie whose expiry (the app's now + 15 minutes) has already
	// passed by its own clock.
	const now = Date.now();
	const realDay = localDate(now);
	const today = now < instantAt(realDay, 19) ? realDay : nextBusinessDay(addDays(realDay, 1));
	test.skip(!isBusinessDay(today), 'the engine runs on Budapest business days only');
	const inDay = now >= instantAt(today, 9) && now < instantAt(today, 19);
	const offsetDays = String(((inDay ? now : instantAt(today, 10)) - now) / DAY_MS);

	const smtp = await startSmtp();
	const port = extraPort(17);
	const origin = `http://localhost:${port}`;
	const srv = await extraServer(port, {
		ORIGIN: origin,
		SMTP_URL: smtp.url,
		MAIL_FROM: 'Rendez <ertesites@rendez.test>',
		RENDEZ_MESSAGE_SECRET: 'e2e-message-secret',
		RENDEZ_CLOCK_OFFSET_DAYS: offsetDays
	});
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rendez-loop-'));
	try {
		// a new claim of a new debtor, a week past due
		const creditor = e2eRow<{ id: number }>(
			`SELECT id FROM creditors WHERE name = 'Duna Bank Zrt.'`
		);
		const ref = `LOOP-${Date.now()}`;
		const address = `loop-${Date.now()}@example.test`;
		const csv = path.join(tmp, 'loop.csv');
		fs.writeFileSync(
			csv,
			[
				'reference,debtor_type,debtor_name,birth_date,tax_number,postal_code,city,address,email,phone,currency,due_date,principal,interest,fees,costs,total,description',
				`${ref},person,Hurok Elek,1979-05-06,,1051,Budapest,Levél u. 1.,${address},,HUF,${addDays(today, -7)},50000,0,0,0,50000,Számla`
			].join('\n')
		);
		await run(
			'node_modules/.bin/tsx',
			['scripts/import.ts', '--creditor', String(creditor.id), '--portfolio', ref, csv],
			{ env: { ...process.env, DATABASE_URL: E2E_DB, RENDEZ_CLOCK_OFFSET_DAYS: offsetDays } }
		);
		const claim = e2eRow<{ id: number }>(`SELECT id FROM claims WHERE reference = ?`, ref);
		expect(claim, 'the claim was placed').toBeTruthy();

		// the operator runs today's pass again: the engine plans the friendly reminder
		const operator = await (await browser.newContext({ baseURL: origin })).newPage();
		await signInPage(operator, demo.operator);
		await operator.waitForURL((u) => u.pathname === '/ops');
		await runTodayAgain(operator, today, 60_000);
		const planned = e2eRow<{ n: number }>(
			`SELECT count(*) AS n FROM planned_actions WHERE claim_id = ? AND kind = 'contact' AND template = 'friendly.reminder'`,
			claim.id
		);
		expect(planned.n).toBe(1);

		// the dispatcher (the server's worker) sends it: the e-mail arrives at the SMTP server
		await expect
			.poll(() => smtp.messages.filter((m) => m.envelopeTo.includes(address)).length, {
				timeout: 30_000
			})
			.toBe(1);
		const mail = smtp.messages.find((m) => m.envelopeTo.includes(address))!;
		expect(mail.text).not.toContain('Duna');
		expect(mail.text).not.toMatch(/\d[\d\s.]*\s?(Ft|HUF)/);
		expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
		const link = new RegExp(`${origin}/p/[a-z2-7]{32}`).exec(mail.text)?.[0];
		expect(link, 'the e-mail carries the portal link').toBeTruthy();

		// the debtor opens the link, answers the question and pays in full
		const page = await (await browser.newContext()).newPage();
		await page.goto(link!);
		await page.getByRole('textbox').fill('1979-05-06');
		await page.getByRole('button', { name: /Tovább|Continue/ }).click();
		await page.waitForURL('**/my');
		await gotoReady(page, `${origin}/my/claims/${claim.id}`);
		await page
			.getByRole('button', { name: /^A teljes összeg befizetése: |^Pay the full amount: / })
			.click();
		await page.waitForURL(/\/pay\/demo\/\d+$/);
		await page.getByRole('button', { name: /Fizetés jóváhagyása|Approve payment/ }).click();
		await page.waitForURL(/\/my\/payments\/\d+$/);
		await expect(page.getByTestId('payment-result')).toContainText(/Köszönjük|Thank you/);
		expect(
			e2eRow<{ status: string }>(`SELECT status FROM claims WHERE id = ?`, claim.id).status
		).toBe('paid');

		// the one-click unsubscribe (RFC 8058): a mail provider's POST, no session, no Origin
		const unsubscribe = /<([^>]+)>/.exec(mail.header('list-unsubscribe') ?? '')?.[1];
		expect(unsubscribe).toMatch(new RegExp(`^${origin}/stop/\\d+/`));
		const oneClick = await fetch(unsubscribe!, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: 'List-Unsubscribe=One-Click'
		});
		expect(oneClick.status).toBe(200);
		expect(
			e2eRow<{ o: number }>(
				`SELECT p.opt_out_email AS o FROM contact_preferences p JOIN claims c ON c.debtor_id = p.debtor_id WHERE c.id = ?`,
				claim.id
			).o
		).toBe(1);
		// any other cross-site form post is still refused
		const crossSite = await fetch(`${origin}/p?/answer`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin: 'https://elsewhere.example'
			},
			body: 'answer=1979-05-06'
		});
		expect(crossSite.status).toBe(403);

		// the next pass plans no more messages for the claim, and nothing more is sent
		await runTodayAgain(operator, today, 60_000);
		const after = e2eRow<{ planned: number; messages: number; queued: number }>(
			`SELECT (SELECT count(*) FROM planned_actions WHERE claim_id = ? AND state = 'planned') AS planned,
			        (SELECT count(*) FROM messages WHERE claim_id = ?) AS messages,
			        (SELECT count(*) FROM messages WHERE claim_id = ? AND status = 'queued') AS queued`,
			claim.id,
			claim.id,
			claim.id
		);
		expect(after).toEqual({ planned: 0, messages: 1, queued: 0 });
		await new Promise((r) => setTimeout(r, 6_000)); // one more dispatcher pass
		expect(smtp.messages.filter((m) => m.envelopeTo.includes(address))).toHaveLength(1);
	} finally {
		srv.stop();
		await smtp.close();
		fs.rmSync(tmp, { recursive: true, force: true });
	}
});
