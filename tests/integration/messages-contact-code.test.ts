/**
 * The code that confirms a debtor's new e-mail address leaves through the dispatcher to the NEW
 * address (never the one on file), over real SMTP; the code in the e-mail confirms the change,
 * and no code is stored in plain text (issue 19 item 8 with issue 17's dispatcher).
 */
import { expect, it } from 'vitest';
import { allRows, testDb } from '../helpers/db';
import { makeDebtor } from '../helpers/portal-fixtures';
import { useMailer } from '../helpers/messages-fixtures';
import { dispatchOnce } from '../../src/lib/server/services/dispatcher';
import {
	confirmContactChange,
	requestContactChange
} from '../../src/lib/server/services/contact-details';

const mailer = useMailer();

it('a new e-mail address gets its code by e-mail, and the code confirms the change', async () => {
	const { db } = testDb('2026-03-03', 10);
	const debtorId = makeDebtor(db, 'Teszt Elek', { email: 'regi@example.com' });
	const me = { kind: 'debtor' as const, debtorId };
	const change = requestContactChange(db, me, { field: 'email', value: 'uj@example.com' });
	const r = await dispatchOnce(db, mailer.options());
	expect(r.sent).toBe(1);
	const [mail] = await mailer.smtp.waitFor(1);
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
