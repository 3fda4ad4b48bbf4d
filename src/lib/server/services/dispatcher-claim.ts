/**
 * The dispatcher's second step (dispatcher.ts tells the whole story): one message per short write
 * transaction, the contact rules checked again at that moment, the decision recorded.
 */
import { stmt } from '../db/per-connection';
import { localDate } from '$lib/domain/clock';
import { claimStop, decideDispatch, type ChannelOnFile } from '$lib/domain/dispatch';
import { stopsOn, suppressedOn } from '$lib/domain/holds';
import type { MessageChannel } from '$lib/domain/messages';
import { defaultContactLimits, type Channel } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { claimHolds } from './holds';
import { limitsOf, recentContacts } from './tasks';
import { currentTemplate } from './templates';
import { writeTx } from './tx';
import {
	blockNoTemplate,
	closeMessage,
	MESSAGE_COLUMNS,
	recordContact,
	settleSource,
	updateMessage,
	type ClaimResult,
	type DispatchOptions,
	type MessageRow
} from './dispatcher-messages';
import { send, sendContactCode } from './dispatcher-send';
import { EMAIL_KEY_SQL, PHONE_KEY_SQL } from '$lib/domain/contact-keys';

interface DebtorRow {
	name: string;
	email: string | null;
	phone: string | null;
	postal_code: string;
	city: string;
	address: string;
	anonymized_at: number | null;
	opt_out_sms: number | null;
	opt_out_email: number | null;
	opt_out_letter: number | null;
	email_invalid: number | null;
	phone_invalid: number | null;
	postal_invalid: number | null;
}

/** The postal address in Hungarian order: name, town, street, postal code. */
export function postalAddress(d: Pick<DebtorRow, 'name' | 'city' | 'address' | 'postal_code'>) {
	return [d.name, d.city, d.address, d.postal_code].join('\n');
}

const CLAIM_SQL = `
	SELECT ${MESSAGE_COLUMNS}
	  FROM messages
	 WHERE status = 'queued' AND scheduled_at <= ?
	   AND (channel IN ('sms', 'email') OR (channel = 'letter' AND to_address IS NULL))
	 ORDER BY scheduled_at, id LIMIT 1`;

type Stop = 'c7_paid' | 'c7_hold' | 'c7_action_gone' | null;

/**
 * A link asked for by a claim reference without signing in (sign-in-reference.ts): e-mail or SMS
 * only, never a letter by fallback (anyone may ask; postage is not theirs to spend).
 */
function askedByReference(db: DB, m: MessageRow): boolean {
	if (m.source !== 'link' || m.source_id == null) return false;
	const row = stmt(
		db,
		`SELECT json_extract(params_json, '$.reason') AS reason FROM outbox WHERE id = ?`
	).get(m.source_id) as { reason: unknown } | undefined;
	return row?.reason === 'reference';
}

/**
 * C7 for a message with `template` about `claimId` today, by what the message is, whoever queued
 * it (domain/dispatch.ts `claimStop`); also the operator's "Send again" asks it before offering to.
 */
export function claimStopNow(db: DB, template: string, claimId: number, today: string) {
	const c = stmt(
		db,
		`SELECT c.status, c.balance_minor AS balanceMinor, s.contact_limits_json AS limits FROM claims c
			   LEFT JOIN strategies s ON s.creditor_id = c.creditor_id WHERE c.id = ?`
	).get(claimId) as { status: string; balanceMinor: number; limits: string | null };
	const holds = claimHolds(db, claimId);
	return {
		stop: claimStop(template, c, stopsOn(holds, today)) as Stop,
		limits: limitsOf(c.limits),
		holds
	};
}

/** C7: whether the claim may still be contacted about, and the limits and holds that apply. */
function claimRules(db: DB, m: MessageRow, today: string) {
	let stop: Stop = null;
	let limits = defaultContactLimits();
	let suppressed = new Set<Channel>();
	let actionChannels: Channel[] | null = null;
	if (m.claim_id != null) {
		const now = claimStopNow(db, m.template_key, m.claim_id, today);
		({ stop, limits } = now);
		suppressed = suppressedOn(now.holds, today);
		if (m.source === 'engine') {
			const a = stmt(db, `SELECT state, channels_json FROM planned_actions WHERE id = ?`).get(
				m.source_id
			) as { state: string; channels_json: string } | undefined;
			if (!stop && a?.state !== 'planned') stop = 'c7_action_gone';
			actionChannels = a ? (JSON.parse(a.channels_json) as Channel[]) : null;
		}
	}
	return { stop, limits, suppressed, actionChannels };
}

/**
 * The debtor's contacts and what stops them. An e-mail address's or a phone number's stop and
 * bounce hold for every record that has it (a person with several records, one per creditor's
 * contacts: a stop takes effect at once, C8); the letter's are the record's own.
 */
const sharedFlag = (flag: string, keySql: (col: string) => string, col: string) =>
	`coalesce((SELECT max(q.${flag}) FROM debtors e JOIN contact_preferences q ON q.debtor_id = e.id
	            WHERE ${keySql(`e.${col}`)} = ${keySql(`d.${col}`)}), 0) AS ${flag}`;
const DEBTOR_SQL = `SELECT d.name, d.email, d.phone, d.postal_code, d.city, d.address, d.anonymized_at,
	        ${sharedFlag('opt_out_email', EMAIL_KEY_SQL, 'email')}, ${sharedFlag('email_invalid', EMAIL_KEY_SQL, 'email')},
	        ${sharedFlag('opt_out_sms', PHONE_KEY_SQL, 'phone')}, ${sharedFlag('phone_invalid', PHONE_KEY_SQL, 'phone')},
	        p.opt_out_letter, p.postal_invalid
	   FROM debtors d LEFT JOIN contact_preferences p ON p.debtor_id = d.id WHERE d.id = ?`;

/**
 * Takes the next due message and decides it, in one write transaction. Only a message that may be
 * sent now comes back as 'claimed' (status 'sending', its contact recorded, its text fixed).
 */
export function claimNext(db: DB, o: DispatchOptions): ClaimResult {
	return writeTx(db, (): ClaimResult => {
		const now = clock().now();
		const m = stmt(db, CLAIM_SQL).get(now) as MessageRow | undefined;
		if (!m) return { kind: 'none' };
		const today = localDate(now);
		const d = stmt(db, DEBTOR_SQL).get(m.debtor_id) as DebtorRow;
		// a confirmation code for a new address the debtor gave: it goes to that address, now
		if (m.template_key === 'contact_code') return sendContactCode(db, o, m, now);

		const rules = claimRules(db, m, today);
		const { limits, suppressed, actionChannels } = rules;
		let stop = rules.stop;
		if (d.anonymized_at != null) stop ??= 'c7_hold';

		const onFileFor = (
			channel: MessageChannel,
			address: string | null,
			optedOut: number | null,
			invalid: number | null
		): ChannelOnFile => ({
			address,
			optedOut: !!optedOut,
			invalid: !!invalid,
			suppressed: suppressed.has(channel),
			configured: channel === 'letter' || !!o.channels[channel]
		});
		const onFile: Record<MessageChannel, ChannelOnFile> = {
			email: onFileFor('email', d.email, d.opt_out_email, d.email_invalid),
			sms: onFileFor('sms', d.phone, d.opt_out_sms, d.phone_invalid),
			letter: onFileFor(
				'letter',
				askedByReference(db, m) ? null : postalAddress(d),
				d.opt_out_letter,
				d.postal_invalid
			)
		};
		const decision = decideDispatch({
			now,
			channel: m.channel,
			actionChannels,
			stop,
			onFile,
			limits,
			// a message is never a call: C2's last 7 days are all its rules look back on
			recent: m.claim_id != null ? recentContacts(db, m.claim_id, now, 8) : [],
			emailWindowed: m.template_key !== 'access_link'
		});

		switch (decision.kind) {
			case 'cancel':
				closeMessage(db, m, 'cancelled', decision.reason, now);
				settleSource(db, m, 'cancelled', decision.reason === 'c7_paid' ? 'paid' : 'hold');
				return { kind: 'decided', messageId: m.id, decision: 'cancel' };
			case 'blocked':
				closeMessage(db, m, 'blocked', decision.reason, now);
				recordContact(db, m, m.channel, 'blocked', 'c8_opted_out');
				settleSource(db, m, 'failed');
				return { kind: 'decided', messageId: m.id, decision: 'blocked' };
			case 'wait':
				updateMessage(
					db,
					m,
					{ scheduled_at: decision.until, status_reason: decision.reason },
					'message.waits',
					{ until: decision.until, reason: decision.reason, channel: decision.channel }
				);
				return { kind: 'decided', messageId: m.id, decision: 'wait' };
			case 'letter':
				if (!currentTemplate(db, m.template_key, 'letter', m.lang))
					return blockNoTemplate(db, m, 'letter', now);
				// the print batch takes it from here; the link and text are made when it is printed
				updateMessage(
					db,
					m,
					{ channel: 'letter', to_address: onFile.letter.address, status_reason: null },
					'message.to_letter',
					{ channel: 'letter' }
				);
				settleSource(db, m, 'done');
				return { kind: 'decided', messageId: m.id, decision: 'letter' };
			case 'send':
				return send(db, o, m, d, decision.channel, now);
		}
	});
}
