/**
 * Fixtures for the dispatcher's tests: a debtor with an e-mail address and a phone, an open claim
 * of 123 456 Ft at a named creditor, and contact actions planned for it the way the engine plans
 * them (kind 'contact', a fallback list of channels, a template, a due day).
 */
import type { DB } from '../../src/lib/server/db/client';
import { clock } from '../../src/lib/server/clock';
import { localDate } from '../../src/lib/domain/clock';
import { makeClaim, makeCreditor, makeDebtor } from './portal-fixtures';

export const CREDITOR = 'Duna Bank Zrt.';

export function messageWorld(
	db: DB,
	o: { email?: string | null; phone?: string | null; name?: string } = {}
) {
	const cr = makeCreditor(db, CREDITOR);
	const debtorId = makeDebtor(db, o.name ?? 'Teszt Elek', {
		email: o.email === undefined ? 'elek@example.hu' : o.email,
		phone: o.phone === undefined ? '+36301234567' : o.phone
	});
	const claimId = makeClaim(db, cr, debtorId, { principal: 12_345_600 }, 'HUF', {
		stage: 'friendly_reminder',
		reference: 'DB-2026-0000042'
	});
	return { cr, debtorId, claimId };
}

let seq = 0;

/** A contact action as the engine plans it; returns its id. */
export function planContact(
	db: DB,
	claimId: number,
	channels: string[],
	o: { template?: string; due?: string } = {}
): number {
	const r = db.$client
		.prepare(
			`INSERT INTO planned_actions (key, claim_id, kind, stage, step, due_date, channels_json, template, why_json, created_at)
			 VALUES (?, ?, 'contact', 'friendly_reminder', 'first', ?, ?, ?, '{}', ?)`
		)
		.run(
			`test:${claimId}:${++seq}`,
			claimId,
			o.due ?? localDate(clock().now()),
			JSON.stringify(channels),
			o.template ?? 'friendly.reminder',
			clock().now()
		);
	return Number(r.lastInsertRowid);
}

/** An identified contact that happened (counts toward C2). */
export function pastContact(db: DB, claimId: number, channel: string, at: number) {
	db.$client
		.prepare(
			`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, occurred_at)
			 SELECT id, debtor_id, ?, stage, 'outbound', 'sent', ? FROM claims WHERE id = ?`
		)
		.run(channel, at, claimId);
}

export const messageRows = (db: DB) =>
	db.$client.prepare('SELECT * FROM messages ORDER BY id').all() as {
		id: number;
		channel: string;
		status: string;
		status_reason: string | null;
		to_address: string | null;
		subject: string | null;
		body: string | null;
		body_hash: string | null;
		provider_id: string | null;
		scheduled_at: number;
		template_version_id: number | null;
		source: string;
	}[];
