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
 *    its text, its address, subject, body and hash stored, and status 'sending' with a lease; an
 *    identified contact is recorded (so a second dispatcher, in this or another process, counts it
 *    at once: the write lock orders them).
 * 3. The channel sends it, outside any transaction.
 * 4. `recordOutcome`: sent with the provider's id (the planned action done, the outbox row sent),
 *    or failed (the contact recorded as failed, so it no longer counts).
 *
 * A dispatcher that dies between 2 and 4 leaves a 'sending' message whose lease lapses; the next
 * start (`expireLeases`) marks it 'unknown': it may have left, so it is never sent again by itself.
 * Letters are only created here (channel 'letter', status 'queued', the address filled in once the
 * rules allowed it); the daily print batch takes them.
 */
import { stmt } from '../db/per-connection';
import { mintContactCode } from './contact-details';
import { toE164 } from '$lib/domain/phone';
import { SendOutcomeUnknownError } from '../channels/sms-adapter';
import { systemActor, type Actor } from '$lib/domain/actor';
import { canMove, type MessageStatus } from '$lib/domain/delivery';
import { DAY_MS, localDate } from '$lib/domain/clock';
import type { RecentContact } from '$lib/domain/contact-rules';
import { decideDispatch, type ChannelOnFile, type DispatchDecision } from '$lib/domain/dispatch';
import { stopsOn, suppressedOn, type Hold, type HoldKind } from '$lib/domain/holds';
import type { Lang, MessageChannel } from '$lib/domain/messages';
import { defaultContactLimits, type Channel, type ContactLimits } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { clock } from '../clock';
import { mintAccessLink, type IdentityQuestion } from '../auth/links';
import type { Channels } from '../channels';
import type { OutgoingMessage, SendOutcome } from '../channels/types';
import { unsubscribePath } from '../channels/tokens';
import { logEvent } from '../log';
import { audit } from './audit';
import { currentTemplate, renderTemplate } from './templates';
import { writeTx } from './tx';

const actor: Actor = systemActor('dispatcher');

/** How long a dispatcher holds a message it is sending (a send that takes longer is 'unknown'). */
export const LEASE_MS = 5 * 60_000;

export interface DispatchOptions {
	channels: Channels;
	/** the public origin links are built from, e.g. https://rendez.example.hu */
	origin: string;
	leaseMs?: number;
	/** messages in flight at once (each claimed in its own transaction) */
	parallel?: number;
	/** stop after this many claims (tests); default: until nothing is due */
	maxClaims?: number;
}

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
// 2. Claim one message and check the rules

interface MessageRow {
	id: number;
	debtor_id: number;
	claim_id: number | null;
	channel: MessageChannel;
	template_key: string;
	lang: Lang;
	source: string;
	source_id: number | null;
	status: MessageStatus;
	to_address: string | null;
	attempts: number;
}

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

/** A message a dispatcher holds, ready to be handed to its channel. */
export interface Claimed {
	messageId: number;
	channel: 'sms' | 'email';
	out: OutgoingMessage;
	contactEventId: number | null;
}

/** What one claim did: sent-ready, or another decision already recorded, or nothing due. */
export type ClaimResult =
	| { kind: 'claimed'; claimed: Claimed }
	| { kind: 'decided'; messageId: number; decision: DispatchDecision['kind'] | 'no_template' }
	| { kind: 'none' };

function limitsOf(json: string | null | undefined): ContactLimits {
	if (!json) return defaultContactLimits();
	try {
		return { ...defaultContactLimits(), ...(JSON.parse(json) as Partial<ContactLimits>) };
	} catch {
		return defaultContactLimits();
	}
}

/** The postal address in Hungarian order: name, town, street, postal code. */
export function postalAddress(d: Pick<DebtorRow, 'name' | 'city' | 'address' | 'postal_code'>) {
	return [d.name, d.city, d.address, d.postal_code].join('\n');
}

/** Outbox notices stop only for a dispute or an operator's stop-the-clock hold (a plan's own news still goes). */
const OUTBOX_STOPPING: readonly HoldKind[] = [
	'dispute',
	'deceased',
	'insolvency',
	'legal_representation'
];

function loadHolds(db: DB, claimId: number): Hold[] {
	const rows = stmt(
		db,
		`SELECT kind, start_date, end_date, effect_json FROM holds WHERE claim_id = ?`
	).all(claimId) as {
		kind: HoldKind;
		start_date: string;
		end_date: string | null;
		effect_json: string;
	}[];
	return rows.map((r) => ({
		kind: r.kind,
		start: r.start_date,
		end: r.end_date,
		effect: JSON.parse(r.effect_json)
	}));
}

function recentContacts(db: DB, claimId: number, now: number): RecentContact[] {
	return stmt(
		db,
		`SELECT occurred_at AS at, channel, direction, outcome FROM contact_events
			  WHERE claim_id = ? AND occurred_at > ? ORDER BY occurred_at`
	).all(claimId, now - 8 * DAY_MS) as RecentContact[];
}

/** Sets a message's fields and audits the change (inside the caller's transaction). */
function updateMessage(
	db: DB,
	m: MessageRow,
	set: Record<string, unknown>,
	auditAction: string,
	after: Record<string, unknown>
) {
	const cols = Object.keys(set);
	stmt(
		db,
		`UPDATE messages SET ${cols.map((c) => `${c} = @${c}`).join(', ')}, updated_at = @updated_at WHERE id = @id`
	).run({ ...set, updated_at: clock().now(), id: m.id });
	audit(db, actor, {
		action: auditAction,
		entity: 'message',
		entityId: m.id,
		before: { status: m.status, channel: m.channel },
		after
	});
}

function settleSource(
	db: DB,
	m: MessageRow,
	state: 'done' | 'cancelled' | 'failed',
	reason?: string
) {
	if (m.source_id == null) return;
	const now = clock().now();
	if (m.source === 'engine') {
		stmt(
			db,
			`UPDATE planned_actions SET state = ?, done_at = ?, cancel_reason = coalesce(?, cancel_reason)
				  WHERE id = ? AND state = 'planned'`
		).run(
			state,
			state === 'done' ? now : null,
			state === 'cancelled' ? (reason ?? null) : null,
			m.source_id
		);
	} else {
		const outboxStatus =
			state === 'done' ? 'sent' : state === 'cancelled' ? 'cancelled' : 'blocked';
		stmt(
			db,
			`UPDATE outbox SET status = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
				  WHERE id = ? AND status = 'queued'`
		).run(outboxStatus, outboxStatus, now, m.source_id);
	}
}

function recordContact(
	db: DB,
	m: MessageRow,
	channel: Channel,
	outcome: string,
	reason: string | null
): number | null {
	if (m.claim_id == null) return null;
	const r = stmt(
		db,
		`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, blocked_reason, template, occurred_at)
			 SELECT id, debtor_id, ?, stage, 'outbound', ?, ?, ?, ? FROM claims WHERE id = ?`
	).run(channel, outcome, reason, m.template_key, clock().now(), m.claim_id);
	return r.changes ? Number(r.lastInsertRowid) : null;
}

const CLAIM_SQL = `
	SELECT id, debtor_id, claim_id, channel, template_key, language AS lang, source, source_id, status, to_address, attempts
	  FROM messages
	 WHERE status = 'queued' AND scheduled_at <= ?
	   AND (channel IN ('sms', 'email') OR (channel = 'letter' AND to_address IS NULL))
	 ORDER BY scheduled_at, id LIMIT 1`;

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
		const d = stmt(
			db,
			`SELECT d.name, d.email, d.phone, d.postal_code, d.city, d.address, d.anonymized_at,
				        p.opt_out_sms, p.opt_out_email, p.opt_out_letter, p.email_invalid, p.phone_invalid, p.postal_invalid
				   FROM debtors d LEFT JOIN contact_preferences p ON p.debtor_id = d.id WHERE d.id = ?`
		).get(m.debtor_id) as DebtorRow;
		// a confirmation code for a new address the debtor gave: it goes to that address, now
		if (m.template_key === 'contact_code') return sendContactCode(db, o, m, now);

		// C7: the claim may still be contacted about
		let stop: 'c7_paid' | 'c7_hold' | 'c7_action_gone' | null = null;
		let limits = defaultContactLimits();
		let suppressed = new Set<Channel>();
		let actionChannels: Channel[] | null = null;
		if (m.claim_id != null) {
			const c = stmt(
				db,
				`SELECT c.status, s.contact_limits_json AS limits FROM claims c
					   LEFT JOIN strategies s ON s.creditor_id = c.creditor_id WHERE c.id = ?`
			).get(m.claim_id) as { status: string; limits: string | null };
			limits = limitsOf(c.limits);
			const holds = loadHolds(db, m.claim_id);
			suppressed = suppressedOn(holds, today);
			const stops = stopsOn(holds, today);
			if (m.source === 'engine') {
				if (c.status === 'paid' || c.status === 'closed') stop = 'c7_paid';
				else if (c.status !== 'open' || stops.length) stop = 'c7_hold';
				const a = stmt(db, `SELECT state, channels_json FROM planned_actions WHERE id = ?`).get(
					m.source_id
				) as { state: string; channels_json: string } | undefined;
				if (!stop && a?.state !== 'planned') stop = 'c7_action_gone';
				actionChannels = a ? (JSON.parse(a.channels_json) as Channel[]) : null;
			} else {
				if (
					m.template_key === 'installment_reminder' &&
					(c.status === 'paid' || c.status === 'closed')
				)
					stop = 'c7_paid';
				else if (c.status === 'disputed' || stops.some((h) => OUTBOX_STOPPING.includes(h.kind)))
					stop = 'c7_hold';
			}
		}
		if (d.anonymized_at != null) stop ??= 'c7_hold';

		const has = (channel: MessageChannel) => channel === 'letter' || !!o.channels[channel];
		const onFile: Record<MessageChannel, ChannelOnFile> = {
			email: {
				address: d.email,
				optedOut: !!d.opt_out_email,
				invalid: !!d.email_invalid,
				suppressed: suppressed.has('email'),
				configured: has('email')
			},
			sms: {
				address: d.phone,
				optedOut: !!d.opt_out_sms,
				invalid: !!d.phone_invalid,
				suppressed: suppressed.has('sms'),
				configured: has('sms')
			},
			letter: {
				address: postalAddress(d),
				optedOut: !!d.opt_out_letter,
				invalid: !!d.postal_invalid,
				suppressed: suppressed.has('letter'),
				configured: true
			}
		};
		const decision = decideDispatch({
			now,
			channel: m.channel,
			actionChannels,
			stop,
			onFile,
			limits,
			recent: m.claim_id != null ? recentContacts(db, m.claim_id, now) : [],
			emailWindowed: m.template_key !== 'access_link'
		});

		switch (decision.kind) {
			case 'cancel':
				updateMessage(
					db,
					m,
					{ status: 'cancelled', status_reason: decision.reason, settled_at: now },
					'message.cancelled',
					{ status: 'cancelled', reason: decision.reason }
				);
				settleSource(db, m, 'cancelled', decision.reason === 'c7_paid' ? 'paid' : 'hold');
				return { kind: 'decided', messageId: m.id, decision: 'cancel' };
			case 'blocked':
				updateMessage(
					db,
					m,
					{ status: 'blocked', status_reason: decision.reason, settled_at: now },
					'message.blocked',
					{ status: 'blocked', reason: decision.reason }
				);
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
				if (!currentTemplate(db, m.template_key, 'letter', m.lang)) {
					updateMessage(
						db,
						m,
						{ status: 'blocked', status_reason: 'no_template', settled_at: now },
						'message.blocked',
						{ status: 'blocked', reason: 'no_template', channel: 'letter' }
					);
					settleSource(db, m, 'failed');
					return { kind: 'decided', messageId: m.id, decision: 'no_template' };
				}
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

/**
 * The code that confirms a new e-mail address or phone number (contact-details.ts). It is not a
 * collection contact: it names nothing about a debt, goes only to the new address the debtor typed
 * on their own page, at once (they are waiting for it), and does not count toward C2. The code is
 * made now and only its hash is kept; the message keeps the text sent, as every message does.
 */
function sendContactCode(db: DB, o: DispatchOptions, m: MessageRow, now: number): ClaimResult {
	const drop = (reason: string) => {
		updateMessage(
			db,
			m,
			{ status: 'cancelled', status_reason: reason, settled_at: now },
			'message.cancelled',
			{ status: 'cancelled', reason }
		);
		settleSource(db, m, 'cancelled');
		return { kind: 'decided', messageId: m.id, decision: 'cancel' } as const;
	};
	let minted: { code: string; to: string; channel: 'email' | 'sms' };
	try {
		minted = mintContactCode(db, m.source_id ?? 0);
	} catch {
		return drop('change_expired');
	}
	if (!o.channels[minted.channel]) return drop('no_channel');
	const origin = o.origin.replace(/\/$/, '');
	const unsubscribe = `${origin}${unsubscribePath(m.id)}`;
	const text = renderTemplate(db, m.template_key, minted.channel, m.lang, {
		code: minted.code,
		link: `${origin}/my/details`,
		unsubscribe
	});
	if (!text) return drop('no_template');
	const to = minted.channel === 'email' ? minted.to : (toE164(minted.to) ?? minted.to);
	updateMessage(
		db,
		m,
		{
			status: 'sending',
			channel: minted.channel,
			to_address: to,
			subject: text.subject ?? null,
			body: text.body,
			body_hash: text.bodyHash,
			template_version_id: text.templateVersionId,
			lease_until: now + (o.leaseMs ?? LEASE_MS),
			attempts: m.attempts + 1,
			status_reason: null
		},
		'message.sending',
		{ status: 'sending', channel: minted.channel, bodyHash: text.bodyHash }
	);
	return {
		kind: 'claimed',
		claimed: {
			messageId: m.id,
			channel: minted.channel,
			contactEventId: null,
			out: {
				messageId: m.id,
				to,
				lang: m.lang,
				subject: text.subject,
				text: text.body,
				unsubscribeUrl: minted.channel === 'email' ? unsubscribe : undefined
			}
		}
	};
}

function send(
	db: DB,
	o: DispatchOptions,
	m: MessageRow,
	d: DebtorRow,
	channel: 'sms' | 'email',
	now: number
): ClaimResult {
	const origin = o.origin.replace(/\/$/, '');
	let question: IdentityQuestion | undefined;
	if (m.source === 'link' && m.source_id != null) {
		const row = stmt(db, `SELECT params_json FROM outbox WHERE id = ?`).get(m.source_id) as
			{ params_json: string } | undefined;
		try {
			question = row
				? (JSON.parse(row.params_json) as { question?: IdentityQuestion }).question
				: undefined;
		} catch {
			question = undefined;
		}
	}
	const unsubscribe = `${origin}${unsubscribePath(m.id)}`;
	// the template must exist before a link is minted for it
	const probe = renderTemplate(db, m.template_key, channel, m.lang, {
		link: `${origin}/p/x`,
		unsubscribe
	});
	if (!probe) {
		updateMessage(
			db,
			m,
			{ status: 'blocked', status_reason: 'no_template', settled_at: now },
			'message.blocked',
			{ status: 'blocked', reason: 'no_template', channel }
		);
		settleSource(db, m, 'failed');
		return { kind: 'decided', messageId: m.id, decision: 'no_template' };
	}
	// a fresh link, minted now: the plain token exists only in this message
	const link = mintAccessLink(db, actor, m.debtor_id, question ? { question } : {});
	const text = renderTemplate(db, m.template_key, channel, m.lang, {
		link: `${origin}${link.path}`,
		unsubscribe
	})!;
	// an SMS goes to the number in E.164, the form a STOP reply comes back from (applySmsStop)
	const to = channel === 'email' ? d.email! : (toE164(d.phone!) ?? d.phone!);
	updateMessage(
		db,
		m,
		{
			status: 'sending',
			channel,
			to_address: to,
			subject: text.subject ?? null,
			body: text.body,
			body_hash: text.bodyHash,
			template_version_id: text.templateVersionId,
			lease_until: now + (o.leaseMs ?? LEASE_MS),
			attempts: m.attempts + 1,
			status_reason: null
		},
		'message.sending',
		{ status: 'sending', channel, templateVersion: text.version, bodyHash: text.bodyHash }
	);
	const contactEventId = recordContact(db, m, channel, 'sent', null);
	return {
		kind: 'claimed',
		claimed: {
			messageId: m.id,
			channel,
			contactEventId,
			out: {
				messageId: m.id,
				to,
				lang: m.lang,
				subject: text.subject,
				text: text.body,
				unsubscribeUrl: channel === 'email' ? unsubscribe : undefined
			}
		}
	};
}

// ---------------------------------------------------------------------------------------------
// 4. What the channel said

const INVALID_COLUMN = { email: 'email_invalid', sms: 'phone_invalid' } as const;

/** Tries of a message whose channel could not take it (the SMTP server down): then it fails. */
export const MAX_ATTEMPTS = 5;
/** The wait before try n+1: 1, 2, 4, 8 minutes. */
export const retryDelayMs = (attempts: number) => 60_000 * 2 ** Math.max(0, attempts - 1);

/**
 * Records the channel's answer for a claimed message: sent with the provider's id; uncertain
 * (it may have left) → unknown, never resent by itself; refused for good → failed (the address
 * marked invalid when it was the address); refused for now → this try failed, and a new message
 * for the same work waits for the next try (status only moves forward), up to MAX_ATTEMPTS.
 */
export function recordOutcome(db: DB, c: Claimed, outcome: SendOutcome): MessageStatus {
	return writeTx(db, () => {
		const m = stmt(
			db,
			`SELECT id, debtor_id, claim_id, channel, template_key, language AS lang, source, source_id, status, to_address, attempts
				   FROM messages WHERE id = ?`
		).get(c.messageId) as MessageRow;
		const now = clock().now();
		if (outcome.ok) {
			const status: MessageStatus = canMove(m.status, 'sent') ? 'sent' : m.status;
			updateMessage(
				db,
				m,
				{ status, provider_id: outcome.providerId, sent_at: now, lease_until: null },
				'message.sent',
				{ status }
			);
			settleSource(db, m, 'done');
			return status;
		}
		if (outcome.uncertain) {
			// it may have reached the debtor: the contact stays counted, nothing sends it again
			const status: MessageStatus = canMove(m.status, 'unknown') ? 'unknown' : m.status;
			updateMessage(
				db,
				m,
				{ status, status_reason: outcome.error, lease_until: null },
				'message.unknown',
				{ status, reason: outcome.error }
			);
			settleSource(db, m, 'done');
			return status;
		}
		const status: MessageStatus = canMove(m.status, 'failed') ? 'failed' : m.status;
		const retry = !outcome.permanent && m.attempts < MAX_ATTEMPTS;
		updateMessage(
			db,
			m,
			{ status, status_reason: outcome.error, settled_at: now, lease_until: null },
			'message.failed',
			{ status, reason: outcome.error, permanent: outcome.permanent, retry }
		);
		// it did not reach the debtor: it does not count toward C2
		if (c.contactEventId != null)
			stmt(db, `UPDATE contact_events SET outcome = 'failed' WHERE id = ?`).run(c.contactEventId);
		if (outcome.addressInvalid) {
			// the address itself was refused: the next step uses another channel
			stmt(
				db,
				`INSERT INTO contact_preferences (debtor_id, updated_at) VALUES (?, ?) ON CONFLICT (debtor_id) DO NOTHING`
			).run(m.debtor_id, now);
			stmt(
				db,
				`UPDATE contact_preferences SET ${INVALID_COLUMN[c.channel]} = 1, updated_at = ? WHERE debtor_id = ?`
			).run(now, m.debtor_id);
		}
		if (retry) {
			const r = stmt(
				db,
				`INSERT INTO messages (debtor_id, claim_id, channel, template_key, language, source, source_id,
					                       dedupe_key, status, scheduled_at, attempts, created_at, updated_at)
					 SELECT debtor_id, claim_id, channel, template_key, language, source, source_id,
					        dedupe_key || '#' || (attempts + 1), 'queued', ?, attempts, ?, ? FROM messages WHERE id = ?`
			).run(now + retryDelayMs(m.attempts), now, now, m.id);
			audit(db, actor, {
				action: 'message.retry',
				entity: 'message',
				entityId: Number(r.lastInsertRowid),
				after: { previous: m.id, attempts: m.attempts }
			});
		} else settleSource(db, m, 'failed');
		return status;
	});
}

/**
 * On start: messages whose dispatcher's lease lapsed (it died while sending) become 'unknown'.
 * They may have left, so nothing sends them again by itself. Returns how many.
 */
export function expireLeases(db: DB): number {
	return writeTx(db, () => {
		const now = clock().now();
		const rows = stmt(
			db,
			`SELECT id, source, source_id FROM messages WHERE status = 'sending' AND lease_until < ?`
		).all(now) as { id: number; source: string; source_id: number | null }[];
		for (const r of rows) {
			stmt(
				db,
				`UPDATE messages SET status = 'unknown', status_reason = 'lease_lapsed', lease_until = NULL, updated_at = ? WHERE id = ?`
			).run(now, r.id);
			audit(db, actor, {
				action: 'message.unknown',
				entity: 'message',
				entityId: r.id,
				before: { status: 'sending' },
				after: { status: 'unknown', reason: 'lease_lapsed' }
			});
			// it may have reached the debtor: the action is not planned again
			if (r.source === 'engine' && r.source_id != null)
				stmt(
					db,
					`UPDATE planned_actions SET state = 'done', done_at = ? WHERE id = ? AND state = 'planned'`
				).run(now, r.source_id);
		}
		return rows.length;
	});
}

/** An SMS whose delivery report never came is recorded as unknown after two days, and never sent again by itself. */
export function settleSilentSms(db: DB): number {
	return writeTx(db, () => {
		const now = clock().now();
		const silent = stmt(
			db,
			`SELECT id FROM messages WHERE status = 'sent' AND channel = 'sms' AND sent_at < ? LIMIT 500`
		).all(now - SMS_REPORT_WAIT_MS) as { id: number }[];
		for (const r of silent) {
			stmt(
				db,
				`UPDATE messages SET status = 'unknown', status_reason = 'no_report', updated_at = ? WHERE id = ?`
			).run(now, r.id);
			audit(db, actor, {
				action: 'message.unknown',
				entity: 'message',
				entityId: r.id,
				before: { status: 'sent' },
				after: { status: 'unknown', reason: 'no_report' }
			});
		}
		return silent.length;
	});
}

/** How long an SMS may wait for its delivery report before it is recorded as unknown. */
export const SMS_REPORT_WAIT_MS = 2 * DAY_MS;

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
