/**
 * A dispatcher in a process of its own, for the concurrency test:
 *
 *   tsx tests/helpers/dispatch-child.ts <db file> <start at ms> <clock ms> <smtp url> <sms log file>
 *
 * Waits until the start instant (so that all dispatchers hit the database together), then does
 * one full pass (due work into messages, then send everything due) with the real e-mail channel
 * and the recording SMS channel (one line per SMS in the log file), on a clock fixed at <clock ms>.
 * Prints the pass's summary as JSON.
 */
import { openDatabase } from '../../src/lib/server/db/client';
import { ManualClock } from '../../src/lib/domain/clock';
import { setClock } from '../../src/lib/server/clock';
import { createEmailChannel } from '../../src/lib/server/channels/email';
import { dispatchOnce } from '../../src/lib/server/services/dispatcher';
import { recordingSms } from './sms-recorder';

const [file, startAt, clockAt, smtpUrl, smsLog] = process.argv.slice(2);
setClock(new ManualClock(Number(clockAt)));
const db = openDatabase(file);
const email = createEmailChannel({
	smtpUrl,
	from: 'Rendez <ertesites@rendez.test>',
	secret: 'test-message-secret'
});
const wait = Number(startAt) - Date.now();
if (wait > 0) await new Promise((r) => setTimeout(r, wait));
const summary = await dispatchOnce(db, {
	channels: { email, sms: recordingSms(smsLog) },
	origin: 'https://portal.rendez.test',
	parallel: 4
});
await email.close?.();
process.stdout.write(JSON.stringify(summary) + '\n');
