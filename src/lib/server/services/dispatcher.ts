/**
 * The dispatcher (issue 17, item 3): sends due messages through their channels, inside the contact
 * rules, each with a fresh portal link.
 *
 * 1. `materialiseDue`: the work that is due becomes rows of `messages` (once: a dedupe key per
 *    source): the engine's planned contact actions whose first channel is an SMS, an e-mail or a
 *    letter, due today or earlier (`action:<id>`), and the outbox's queued rows (`outbox:<id>`).
 * 2. `claimNext`: one message per short write transaction. At that moment, in the transaction that
 *    records the contact, the rules are checked again (domain/dispatch.ts: C7, C8 with fallback
 *    to the next channel, C1, C2). A message that may go gets the debtor's fresh link minted into
 *    its text, its address, subject and body stored (without the link's token: kept-text.ts) with
 *    the hash of the text as sent, and status 'sending' with a lease; an identified contact is
 *    recorded (so a second dispatcher, in this or another process, counts it at once: the write
 *    lock orders them). Nothing sends a stored text again: a retry or a staff resend is a new
 *    queued message that gets its own fresh link here.
 * 3. The channel sends it, outside any transaction.
 * 4. `recordOutcome`: sent with the provider's id (the planned action done, the outbox row sent),
 *    or failed (the contact recorded as failed, so it no longer counts).
 *
 * A dispatcher that dies between 2 and 4 leaves a 'sending' message whose lease lapses; the next
 * start (`expireLeases`) marks it 'unknown': it may have left, so it is never sent again by itself.
 * Letters are only created here (channel 'letter', status 'queued', the address filled in once the
 * rules allowed it); the daily print batch takes them.
 *
 * Here: step 1 and the loop that runs them all. Step 2 is in dispatcher-claim.ts (the text and link
 * of a message that may go in dispatcher-send.ts), step 4 and the lapsed leases in
 * dispatcher-outcome.ts, the writes they share in dispatcher-messages.ts.
 */
import { stmt } from '../db/per-connection';
import { SendOutcomeUnknownError } from '../channels/sms-adapter';
import { localDate } from '$lib/domain/clock';
import type { DB } from '../db/client';
import { clock } from '../clock';
import type { SendOutcome } from '../channels/types';
import { logEvent } from '../log';
import { audit } from './audit';
import { writeTx } from './tx';
import { actor, type Claimed, type ClaimResult, type DispatchOptions } from './dispatcher-messages';
import { claimNext } from './dispatcher-claim';
import { recordOutcome } from './dispatcher-outcome';

export {
	LEASE_MS,
	type Claimed,
	type ClaimResult,
	type DispatchOptions
} from './dispatcher-messages';
export { claimNext, postalAddress } from './dispatcher-claim';
export {
	expireLeases,
	MAX_ATTEMPTS,
	recordOutcome,
	retryDelayMs,
	settleSilentSms,
	SMS_REPORT_WAIT_MS
} from './dispatcher-outcome';

// ---------------------------------------------------------------------------------------------
// 1. Due work becomes messages

const ENGINE_SQL = `
	INSERT INTO messages (debtor_id, claim_id, channel, template_key, language, source, source_id,
	                      dedupe_key, status, scheduled_at, created_at, updated_at)
	SELECT c.debtor_id, a.claim_id, json_extract(a.channels_json, '$[0]'), coalesce(a.template, a.step),
	       coalesce(p.language, d.language), 'engine', a.id, 'action:' || a.id, 'queued', @now, @now, @now
	  FROM planned_actions a
	  JOIN claims c ON c.id = a.claim_id
	  JOIN debtors d ON d.id = c.debtor_id
	  LEFT JOIN contact_preferences p ON p.debtor_id = c.debtor_id
	 WHERE a.state = 'planned' AND a.kind = 'contact' AND a.due_date <= @today
	   AND json_extract(a.channels_json, '$[0]') IN ('sms', 'email', 'letter')
	   AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.dedupe_key = 'action:' || a.id)
	 ORDER BY a.id LIMIT @limit
	ON CONFLICT (dedupe_key) DO NOTHING`;

const OUTBOX_SQL = `
	INSERT INTO messages (debtor_id, claim_id, channel, template_key, language, source, source_id,
	                      dedupe_key, status, scheduled_at, created_at, updated_at)
	SELECT o.debtor_id, o.claim_id, o.channel, o.template, coalesce(p.language, d.language),
	       CASE WHEN o.template = 'access_link' THEN 'link' ELSE 'outbox' END, o.id, 'outbox:' || o.id,
	       'queued', o.scheduled_at, @now, @now
	  FROM outbox o
	  JOIN debtors d ON d.id = o.debtor_id
	  LEFT JOIN contact_preferences p ON p.debtor_id = o.debtor_id
	 WHERE o.status = 'queued' AND o.scheduled_at <= @now AND o.channel IN ('sms', 'email', 'letter')
	   AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.dedupe_key = 'outbox:' || o.id)
	 ORDER BY o.id LIMIT @limit
	ON CONFLICT (dedupe_key) DO NOTHING`;

/** Creates the messages for due engine actions and queued outbox rows. Returns how many. */
export function materialiseDue(db: DB, o: { chunk?: number } = {}): number {
	const limit = o.chunk ?? 1000;
	let total = 0;
	for (const sql of [ENGINE_SQL, OUTBOX_SQL]) {
		const q = stmt(db, sql);
		for (;;) {
			const n = writeTx(db, () => {
				const now = clock().now();
				const r = q.run({ now, today: localDate(now), limit });
				if (r.changes > 0)
					audit(db, actor, {
						action: 'messages.materialised',
						entity: 'messages',
						entityId: 0,
						after: { count: r.changes, from: sql === ENGINE_SQL ? 'engine' : 'outbox' }
					});
				return r.changes;
			});
			total += n;
			if (n < limit) break;
		}
	}
	return total;
}

// ---------------------------------------------------------------------------------------------
// 2.–4. Claim, send, record: dispatcher-claim.ts, dispatcher-send.ts, dispatcher-outcome.ts

export interface DispatchSummary {
	sent: number;
	failed: number;
	waiting: number;
	cancelled: number;
	blocked: number;
	letters: number;
}

/** Messages a lane takes per transaction. */
const BATCH = 16;

/**
 * Sends everything due now: claims, sends and records, `parallel` lanes at a time, until nothing is
 * due (or `maxClaims`). Safe to run in several processes at once on one database.
 */

export async function dispatchDue(db: DB, o: DispatchOptions): Promise<DispatchSummary> {
	const sum: DispatchSummary = {
		sent: 0,
		failed: 0,
		waiting: 0,
		cancelled: 0,
		blocked: 0,
		letters: 0
	};
	let claims = 0;
	const send = async (c: Claimed): Promise<SendOutcome> => {
		const adapter = o.channels[c.channel];
		try {
			return adapter
				? await adapter.send(c.out)
				: { ok: false, error: 'no_channel', permanent: false };
		} catch (e) {
			// the provider may have taken it (a timeout, a 5xx): never sent again by itself
			return e instanceof SendOutcomeUnknownError
				? { ok: false, error: 'no_answer', permanent: false, uncertain: true }
				: { ok: false, error: e instanceof Error ? e.name : 'error', permanent: false };
		}
	};
	// Each lane takes a few messages in one write transaction (each decided in its own savepoint,
	// exactly as one at a time), hands them to their channels together, and records the answers
	// in one more transaction: two commits per batch instead of two per message.
	const lane = async () => {
		while (o.maxClaims === undefined || claims < o.maxClaims) {
			const room = o.maxClaims === undefined ? BATCH : Math.min(BATCH, o.maxClaims - claims);
			const batch = writeTx(db, () => {
				const out: ClaimResult[] = [];
				while (out.length < room) {
					const r = claimNext(db, o);
					if (r.kind === 'none') break;
					out.push(r);
				}
				return out;
			});
			claims += batch.length;
			if (!batch.length) return;
			const taken: Claimed[] = [];
			for (const r of batch) {
				if (r.kind === 'claimed') taken.push(r.claimed);
				else if (r.kind === 'decided') {
					if (r.decision === 'wait') sum.waiting++;
					else if (r.decision === 'cancel') sum.cancelled++;
					else if (r.decision === 'letter') sum.letters++;
					else sum.blocked++;
				}
			}
			const outcomes = await Promise.all(taken.map(send));
			const statuses = writeTx(db, () => taken.map((c, i) => recordOutcome(db, c, outcomes[i])));
			statuses.forEach((status, i) => {
				if (status === 'sent') sum.sent++;
				else sum.failed++;
				const outcome = outcomes[i];
				if (!outcome.ok)
					logEvent('warn', 'message_failed', {
						message: taken[i].messageId,
						error: outcome.error
					});
			});
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, o.parallel ?? 4) }, lane));
	return sum;
}

/** One pass: due work into messages, then send what is due. */
export async function dispatchOnce(
	db: DB,
	o: DispatchOptions
): Promise<DispatchSummary & { created: number }> {
	const created = materialiseDue(db);
	return { created, ...(await dispatchDue(db, o)) };
}
