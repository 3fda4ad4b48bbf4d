/**
 * The code that confirms a debtor's new e-mail address leaves through the dispatcher to the NEW
 * address (never the one on file), over real SMTP; the code in the e-mail confirms the change,
 * and no code is stored in plain text (issue 19 item 8 with issue 17's dispatcher).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { allRows, testDb } from '../helpers/db';
import { makeDebtor } from '../helpers/portal-fixtures';
import { startSmtp, type SmtpHarness } from '../helpers/smtp';
import { createEmailChannel, type EmailChannel } from '../../src/lib/server/channels/email';
import { dispatchOnce } from '../../src/lib/server/services/dispatcher';
import {
	confirmContactChange,
	requestContactChange
} from '../../src/lib/server/services/contact-details';

let smtp: SmtpHarness;
let email: EmailChannel;
beforeAll(async () => {
	smtp = await startSmtp();
	email = createEmailChannel({
		smtpUrl: smtp.url,
		from: 'Rendez <ertesites@rendez.test>',
		secret: 'test-message-secret',
		bounceSecret: 'bounce'
	});
});
afterAll(async () => {
	await email.close?.();
	await smtp.close();
});

it('a new e-mail address gets its code by e-mail, and the code confirms the change', async () => {
	const { db } = testDb('2026-03-03', 10);
	const debtorId = makeDebtor(db, 'Teszt Elek', { email: 'regi@example.com' });
	const me = { kind: 'debtor' as const, debtorId };
	const change = requestContactChange(db, me, { field: 'email', value: 'uj@example.com' });
	const r = await dispatchOnce(db, { channels: { email }, origin: 'https://portal.rendez.test' });
	expect(r.sent).toBe(1);
	const [mail] = await smtp.waitFor(1);
	expect(mail.envelopeTo).toEqual(['uj@example.com']);
	const code = /\b(\d{6})\b/.exec(mail.text)![1];
	expect(JSON.stringify(allRows(db, 'SELECT * FROM contact_changes'))).not.toContain(code);
	expect(confirmContactChange(db, me, { changeId: change.id, code })).toEqual({
		ok: true,
		field: 'email'
	});
	expect(allRows(db, 'SELECT email FROM debtors WHERE id = ?', debtorId)).toEqual([
		{ email: 'uj@example.com' }
	]);
});
