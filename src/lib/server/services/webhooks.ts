/**
 * Creditors' webhooks (issue 20, item 6). Events come from the audit trail, which records every
 * state change already: a fan-out reads the audit rows after its cursor, turns those that are
 * events (domain/webhooks.ts) into one delivery per subscribed endpoint, and moves the cursor in
 * the same transaction, so a kill -9 neither loses nor doubles a delivery. Deliveries are POSTed
 * off the request thread (the jobs worker), signed like Stripe's (HMAC-SHA256 over
 * "timestamp.body" with the endpoint's secret, header `Rendez-Signature: t=…,v1=…`), retried
 * with backoff, logged, and can be replayed from the creditor's page. At least once: a receiver
 * drops a repeat by the event id.
 */
import { createHmac } from 'node:crypto';
import { and, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Actor } from '$lib/domain/actor';
import {
	deliveryRefusal,
	EVENT_ACTIONS,
	eventOfAudit,
	nextAttemptDelayMs,
	WEBHOOK_EVENTS,
	webhookUrlProblem,
	type WebhookEvent
} from '$lib/domain/webhooks';
import type { DB } from '../db/client';
import { creditors, webhookCursor, webhookDeliveries, webhookEndpoints } from '../db/schema';
import { randomToken } from '../auth/tokens';
import { clock } from '../clock';
import { assertCreditor } from './actor';
import { assertCreditorAdmin } from './api-keys';
import { audit, insertAudited } from './audit';
import { creditorRow } from './creditor-scope';
import { NotFoundError, ValidationError } from './errors';
import { writeTx } from './tx';
import { DeliveryRefused, dnsResolver, postWebhook, type Resolver } from './webhook-send';

/** RENDEZ_WEBHOOK_ALLOW_LOCAL=1 lets http and local addresses through (tests and the demo). */
const allowLocal = () => process.env.RENDEZ_WEBHOOK_ALLOW_LOCAL === '1';

export function signPayload(secret: string, timestamp: number, body: string): string {
	const v1 = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
	return `t=${timestamp},v1=${v1}`;
}

export function addEndpoint(
	db: DB,
	actor: Actor,
	input: { url: string; events: string[] }
): { id: number; secret: string } {
	assertCreditorAdmin(db, actor);
	const problem = webhookUrlProblem(input.url.trim(), allowLocal());
	const events = WEBHOOK_EVENTS.filter((e) => input.events.includes(e));
	const fields: ConstructorParameters<typeof ValidationError>[0] = {};
	if (problem) fields.url = { key: problem };
	if (!events.length) fields.events = { key: 'webhooks.events.none' };
	if (Object.keys(fields).length) throw new ValidationError(fields);
	const secret = `whsec_${randomToken(24)}`;
	return writeTx(db, () => {
		const row = db
			.insert(webhookEndpoints)
			.values({
				creditorId: actor.creditorId,
				url: input.url.trim(),
				secret,
				eventsJson: JSON.stringify(events),
				createdBy: actor.userId,
				createdAt: clock().now()
			})
			.returning({ id: webhookEndpoints.id })
			.get();
		// the first endpoint starts the fan-out from now: past changes are not sent
		db.insert(webhookCursor)
			.values({ id: 1, lastAuditId: sql`(SELECT coalesce(max(id), 0) FROM audit_log)` })
			.onConflictDoNothing()
			.run();
		audit(db, actor, {
			action: 'webhook.add',
			entity: 'webhook_endpoint',
			entityId: row.id,
			after: { events }
		});
		return { id: row.id, secret };
	});
}

export function disableEndpoint(db: DB, actor: Actor, id: number): void {
	assertCreditorAdmin(db, actor);
	writeTx(db, () => {
		const e = ownEndpoint(db, actor.creditorId, id);
		if (e.disabledAt != null) return;
		db.update(webhookEndpoints)
			.set({ disabledAt: clock().now() })
			.where(eq(webhookEndpoints.id, id))
			.run();
		audit(db, actor, { action: 'webhook.disable', entity: 'webhook_endpoint', entityId: id });
	});
}

function ownEndpoint(db: DB, creditorId: number, id: number) {
	return creditorRow(db, creditorId, webhookEndpoints, id, 'webhook_endpoint');
}

/** The creditor's endpoints and their last 50 deliveries. */
export function webhooksOverview(db: DB, actor: Actor) {
	assertCreditor(actor);
	const endpoints = db
		.select()
		.from(webhookEndpoints)
		.where(eq(webhookEndpoints.creditorId, actor.creditorId))
		.orderBy(desc(webhookEndpoints.id))
		.all()
		.map((e) => ({
			id: e.id,
			url: e.url,
			secret: e.secret,
			events: JSON.parse(e.eventsJson) as WebhookEvent[],
			disabledAt: e.disabledAt
		}));
	const ids = endpoints.map((e) => e.id);
	const deliveries = ids.length
		? db
				.select({
					id: webhookDeliveries.id,
					endpointId: webhookDeliveries.endpointId,
					eventId: webhookDeliveries.eventId,
					eventType: webhookDeliveries.eventType,
					claimId: webhookDeliveries.claimId,
					state: webhookDeliveries.state,
					attempts: webhookDeliveries.attempts,
					lastStatus: webhookDeliveries.lastStatus,
					lastError: webhookDeliveries.lastError,
					nextAttemptAt: webhookDeliveries.nextAttemptAt,
					createdAt: webhookDeliveries.createdAt,
					deliveredAt: webhookDeliveries.deliveredAt
				})
				.from(webhookDeliveries)
				.where(inArray(webhookDeliveries.endpointId, ids))
				.orderBy(desc(webhookDeliveries.id))
				.limit(50)
				.all()
				.map(({ lastError, ...d }) => ({ ...d, refusal: deliveryRefusal(lastError) }))
		: [];
	return { endpoints, deliveries };
}

/** Sends a delivery again, as a new delivery of the same event (same event id). */
export function replayDelivery(db: DB, actor: Actor, deliveryId: number): number {
	assertCreditorAdmin(db, actor);
	return writeTx(db, () => {
		const d = db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId)).get();
		if (!d) throw new NotFoundError('webhook_delivery');
		ownEndpoint(db, actor.creditorId, d.endpointId);
		const now = clock().now();
		const row = insertAudited(db, actor, webhookDeliveries, {
			values: {
				endpointId: d.endpointId,
				auditId: d.auditId,
				eventId: d.eventId,
				eventType: d.eventType,
				claimId: d.claimId,
				payload: d.payload,
				nextAttemptAt: now,
				replayOf: d.id,
				createdAt: now
			},
			audit: { action: 'webhook.replay', entity: 'webhook_delivery', after: { replayOf: d.id } }
		});
		return row.id;
	});
}

const FANOUT_CHUNK = 500;

/** SQL: the claim an audited change (table alias `a`) is about: a claim, payment, plan or dispute. */
export const claimOfAudit = (a: string) => `CASE ${a}.entity
	WHEN 'claim' THEN CAST(${a}.entity_id AS INTEGER)
	WHEN 'payment' THEN (SELECT claim_id FROM payments WHERE id = CAST(${a}.entity_id AS INTEGER))
	WHEN 'plan' THEN (SELECT claim_id FROM plans WHERE id = CAST(${a}.entity_id AS INTEGER))
	WHEN 'dispute' THEN (SELECT claim_id FROM disputes WHERE id = CAST(${a}.entity_id AS INTEGER))
	END`;
const CLAIM_OF = claimOfAudit('a');

/**
 * Turns new audit rows into deliveries, a chunk per transaction. Returns how many deliveries it
 * made. Does nothing until a first endpoint exists.
 */
export function fanOut(db: DB): number {
	let made = 0;
	for (;;) {
		const step = writeTx(db, () => {
			const cur = db.select().from(webhookCursor).where(eq(webhookCursor.id, 1)).get();
			if (!cur) return null;
			const rows = db.$client
				.prepare(
					`SELECT a.id, a.at, a.action, a.after_json AS afterJson, ${CLAIM_OF} AS claimId
					   FROM audit_log a WHERE a.id > ? ORDER BY a.id LIMIT ?`
				)
				.all(cur.lastAuditId, FANOUT_CHUNK) as {
				id: number;
				at: number;
				action: string;
				afterJson: string | null;
				claimId: number | null;
			}[];
			if (!rows.length) return null;
			let n = 0;
			for (const r of rows) {
				if (!(EVENT_ACTIONS as readonly string[]).includes(r.action) || r.claimId == null) continue;
				const after = r.afterJson ? (JSON.parse(r.afterJson) as Record<string, unknown>) : null;
				const type = eventOfAudit(r.action, after);
				if (!type) continue;
				const claim = db.$client
					.prepare(
						`SELECT c.id, c.creditor_id AS creditorId, c.reference, c.status, c.stage, c.balance_minor AS balanceMinor, c.currency
						   FROM claims c JOIN creditors cr ON cr.id = c.creditor_id WHERE c.id = ? AND cr.active = 1`
					)
					.get(r.claimId) as
					| {
							id: number;
							creditorId: number;
							reference: string;
							status: string;
							stage: string;
							balanceMinor: number;
							currency: string;
					  }
					| undefined;
				// a deactivated creditor is told nothing more (its users and keys are refused too)
				if (!claim) continue;
				const endpoints = db
					.select()
					.from(webhookEndpoints)
					.where(
						and(
							eq(webhookEndpoints.creditorId, claim.creditorId),
							sql`${webhookEndpoints.disabledAt} IS NULL`
						)
					)
					.all()
					.filter((e) => (JSON.parse(e.eventsJson) as string[]).includes(type));
				if (!endpoints.length) continue;
				const { creditorId: _c, ...claimOut } = claim;
				const payload = JSON.stringify({
					id: `evt_${r.id}`,
					type,
					created: new Date(r.at).toISOString(),
					data: { claim: claimOut, change: after }
				});
				for (const e of endpoints) {
					db.insert(webhookDeliveries)
						.values({
							endpointId: e.id,
							auditId: r.id,
							eventId: `evt_${r.id}`,
							eventType: type,
							claimId: claim.id,
							payload,
							nextAttemptAt: r.at,
							createdAt: clock().now()
						})
						.onConflictDoNothing()
						.run();
					n++;
				}
			}
			db.update(webhookCursor)
				.set({ lastAuditId: rows.at(-1)!.id })
				.where(eq(webhookCursor.id, 1))
				.run();
			return { n, more: rows.length === FANOUT_CHUNK };
		});
		if (!step) return made;
		made += step.n;
		if (!step.more) return made;
	}
}

/** A delivery held by a sender longer than this was cut off by a crash: it is due again. */
const LEASE_MS = 60_000;

/**
 * Sends what is due, one POST at a time (10 s timeout each, the name's resolution included).
 * Returns the number attempted. A delivery whose address is not public, or whose name resolves
 * to such an address, is not sent and fails at once (webhook-send.ts). `resolve` is the system's
 * resolver in production; tests pass their own.
 */
export async function deliverDue(
	db: DB,
	{ resolve = dnsResolver, limit = 50 }: { resolve?: Resolver; limit?: number } = {}
): Promise<number> {
	const now = clock().now();
	// a delivery left 'sending' by a killed worker is due again (at least once)
	db.update(webhookDeliveries)
		.set({ state: 'pending' })
		.where(
			and(
				eq(webhookDeliveries.state, 'sending'),
				lte(webhookDeliveries.nextAttemptAt, now - LEASE_MS)
			)
		)
		.run();
	const due = writeTx(db, () => {
		const rows = db
			.select({
				id: webhookDeliveries.id,
				payload: webhookDeliveries.payload,
				attempts: webhookDeliveries.attempts,
				url: webhookEndpoints.url,
				secret: webhookEndpoints.secret
			})
			.from(webhookDeliveries)
			.innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
			// a delivery made before its creditor was deactivated waits (sent if it is reactivated)
			.innerJoin(
				creditors,
				and(eq(creditors.id, webhookEndpoints.creditorId), eq(creditors.active, true))
			)
			.where(and(eq(webhookDeliveries.state, 'pending'), lte(webhookDeliveries.nextAttemptAt, now)))
			.orderBy(webhookDeliveries.nextAttemptAt)
			.limit(limit)
			.all();
		for (const r of rows)
			db.update(webhookDeliveries)
				.set({ state: 'sending', nextAttemptAt: now })
				.where(eq(webhookDeliveries.id, r.id))
				.run();
		return rows;
	});
	for (const d of due) {
		let status: number | null = null;
		let error: string | null = null;
		let refused = false;
		try {
			const t = Math.floor(clock().now() / 1000);
			const res = await postWebhook(
				d.url,
				{
					headers: {
						'content-type': 'application/json',
						'rendez-signature': signPayload(d.secret, t, d.payload),
						'user-agent': 'Rendez-Webhooks/1'
					},
					body: d.payload,
					// a redirect could lead anywhere, inside the agency's network too: postWebhook never
					// follows one, it counts as a failure
					signal: AbortSignal.timeout(10_000)
				},
				{ resolve, allowLocal: allowLocal() }
			);
			status = res.status;
		} catch (e) {
			refused = e instanceof DeliveryRefused;
			error = e instanceof DeliveryRefused ? e.code : e instanceof Error ? e.name : 'Error';
		}
		const ok = status != null && status >= 200 && status < 300;
		const attempts = d.attempts + 1;
		// a refused address stays refused: no retries (the creditor fixes it and sends again)
		const wait = ok || refused ? null : nextAttemptDelayMs(attempts);
		const at = clock().now();
		db.update(webhookDeliveries)
			.set({
				state: ok ? 'succeeded' : wait == null ? 'failed' : 'pending',
				attempts,
				lastStatus: status,
				lastError: ok ? null : (error ?? `http_${status}`),
				nextAttemptAt: wait == null ? at : at + wait,
				deliveredAt: ok ? at : null
			})
			.where(eq(webhookDeliveries.id, d.id))
			.run();
	}
	return due.length;
}
