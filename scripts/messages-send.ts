/**
 * `npm run messages:send`
 *
 * Sends what is due once and exits (for cron, beside a server started with RENDEZ_DISPATCHER=0):
 * marks messages a dead dispatcher left past their lease as 'unknown', turns due engine actions
 * and queued outbox rows into messages, and sends every due message through the channels the
 * environment configures (SMTP_URL, MAIL_FROM, the SMS provider). Prints what it did.
 */
import {
	channelsFromEnv,
	closeChannels,
	messageConfigProblem,
	publicOrigin
} from '../src/lib/server/channels';
import { dispatchOnce, expireLeases, settleSilentSms } from '../src/lib/server/services/dispatcher';
import { openMigrated } from './db';

const problem = messageConfigProblem();
if (problem && process.env.NODE_ENV === 'production') {
	console.error(problem);
	process.exit(1);
}
const channels = channelsFromEnv();
if (!Object.keys(channels).length) {
	console.error('no message channel is configured (SMTP_URL, or the SMS provider): nothing sent');
	process.exit(1);
}
const { db } = openMigrated();
const unknown = expireLeases(db) + settleSilentSms(db);
const r = await dispatchOnce(db, { channels, origin: publicOrigin() });
await closeChannels(channels);
console.log(
	`messages: ${r.created} created, ${r.sent} sent, ${r.failed} failed, ${r.waiting} waiting (window or cap), ${r.cancelled} cancelled, ${r.blocked} blocked, ${r.letters} to the print batch, ${unknown} unknown after a lapsed lease`
);
process.exit(r.failed ? 3 : 0);
