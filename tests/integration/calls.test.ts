import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { allRows, removeTempDbs, scalar, tempDbPath, freshDb, manualClock } from '../helpers/db';
import { makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { claimsDue } from '../helpers/engine-fixtures';
import { backfill } from '../../src/lib/server/services/engine-run';
import {
	callList,
	callbacksDue,
	callSheet,
	finishCall,
	startCall,
	verifyParty,
	recordingUrl,
	type FinishInput
} from '../../src/lib/server/services/calls';
import { ConflictError, ValidationError } from '../../src/lib/server/services/errors';
import { DAY_MS, instantAt, localDate } from '../../src/lib/domain/clock';
import { clock } from '../../src/lib/server/clock';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import type { DB } from '../../src/lib/server/db/client';

afterAll(removeTempDbs);

const run = promisify(execFile);
const OPERATOR = { kind: 'operator' as const, userId: 1 };
const OPERATOR_2 = { kind: 'operator' as const, userId: 2 };

/** One claim due 2026-03-02 run by the engine until its firm reminder's call step is planned (27 March). */
function world(file?: string) {
	const clock = manualClock('2026-03-02');
	const db = freshDb(file);
	for (const n of [1, 2])
		db.$client
			.prepare(
				`INSERT INTO staff_users (email, name, role, password_hash, created_at) VALUES (?, 'Op', 'operator', 'x', 0)`
			)
			.run(`op${n}@example.test`);
	const cr = makeCreditor(db);
	const debtorId = makeDebtor(db, 'Teszt Elek', { phone: '+36301234567' });
	const [claimId] = claimsDue(db, 1, { creditor: cr, debtorId }).ids;
	backfill(db, '2026-03-03', '2026-03-27');
	clock.set(instantAt('2026-03-27', 10));
	return { db, clock, claimId, debtorId };
}

const contactsIn7Days = (db: DB, claimId: number, days: string[]) => {
	const ins = db.$client.prepare(
		`INSERT INTO contact_events (claim_id, debtor_id, channel, stage, direction, outcome, occurred_at)
		 SELECT id, debtor_id, 'sms', stage, 'outbound', 'delivered', ? FROM claims WHERE id = ?`
	);
	for (const d of days) ins.run(instantAt(d, 10), claimId);
};

const finish = (callId: number, o: Partial<FinishInput>): FinishInput => ({
	callId,
	outcome: 'no_answer',
	durationSeconds: null,
	recordingRef: '',
	note: '',
	...o
});

describe('the calls worklist', () => {
	it('lists the claim’s call task with whether it may be called now, and why not and when', () => {
		const { db, clock, claimId } = world();
		const [task] = callList(db, OPERATOR);
		expect(task).toMatchObject({ claimId, phone: '+36301234567', stage: 'firm_reminder' });
		expect(task.callable.refusal).toBeNull();
		// Friday 27 March 2026, 21:00: outside the window; it opens Saturday 8:00
		clock.set(instantAt('2026-03-27', 21));
		const [late] = callList(db, OPERATOR);
		expect(late.callable).toEqual({
			refusal: 'c1_window',
			allowedFrom: instantAt('2026-03-28', 8)
		});
	});

	it('puts a callback whose time has come and a broken promise before the rest', () => {
		const { db, claimId } = world();
		const cr = makeCreditor(db, 'Másik Bank Zrt.', undefined, { taxNumber: '87654321-2-42' });
		const other = makeDebtor(db, 'Másik Ádám', { phone: '+36301111111' });
		const [second] = claimsDue(db, 1, { creditor: cr, debtorId: other }).ids;
		db.$client
			.prepare(
				`INSERT INTO planned_actions (key, claim_id, kind, stage, step, due_date, due_at, channels_json, why_json, state, created_at)
				 VALUES ('callback:x', ?, 'contact', 'new', 'callback', '2026-03-27', ?, '["call"]', '{}', 'planned', 0)`
			)
			.run(second, instantAt('2026-03-27', 9));
		expect(callList(db, OPERATOR).map((t) => t.claimId)).toEqual([second, claimId]);
	});
});

describe('the call button (C1, C2 checked and counted in one transaction)', () => {
	it('refuses outside the window with its reason, recorded as blocked', () => {
		const { db, clock, claimId } = world();
		clock.set(instantAt('2026-03-27', 21));
		expect(callSheet(db, OPERATOR, claimId).callable.refusal).toBe('c1_window');
		expect(() => startCall(db, OPERATOR, { claimId })).toThrow(
			expect.objectContaining({ key: 'ops.tasks.refused.c1_window' })
		);
		expect(
			allRows(db, `SELECT outcome, blocked_reason FROM contact_events WHERE claim_id = ?`, claimId)
		).toEqual([{ outcome: 'blocked', blocked_reason: 'c1_window' }]);
	});

	it('refuses over the cap with its reason, and says from when it is allowed', () => {
		const { db, claimId } = world();
		contactsIn7Days(db, claimId, ['2026-03-23', '2026-03-24', '2026-03-25']);
		const sheet = callSheet(db, OPERATOR, claimId);
		expect(sheet.callable).toEqual({
			refusal: 'c2_cap',
			// the 23 March contact leaves the rolling 7 days (168 hours: 11:00 on Monday 30 March,
			// summer time) inside the window
			allowedFrom: instantAt('2026-03-23', 10) + 7 * DAY_MS + 1
		});
		expect(() => startCall(db, OPERATOR, { claimId })).toThrow(ConflictError);
		expect(() => startCall(db, OPERATOR, { claimId })).toThrow(
			expect.objectContaining({ key: 'ops.tasks.refused.c2_cap' })
		);
	});

	it('counts a started call at once: the third contact goes through, the fourth is refused', () => {
		const { db, claimId } = world();
		contactsIn7Days(db, claimId, ['2026-03-23', '2026-03-24']);
		startCall(db, OPERATOR, { claimId });
		expect(() => startCall(db, OPERATOR_2, { claimId })).toThrow(
			expect.objectContaining({ key: 'ops.tasks.refused.c2_cap' })
		);
	});

	it('two operators in two processes logging calls on one claim at once never exceed the cap', async () => {
		const file = tempDbPath('calls');
		const { db, claimId } = world(file);
		contactsIn7Days(db, claimId, ['2026-03-23']);
		const startAt = Date.now() + 2500;
		const outs = await Promise.all(
			[1, 2, 1, 2].map((op) =>
				run(
					'node_modules/.bin/tsx',
					[
						'tests/helpers/call-worker.ts',
						file,
						String(startAt),
						String(instantAt('2026-03-27', 10)),
						String(claimId),
						String(op)
					],
					{ env: { ...process.env, RENDEZ_QUIET: '1' } }
				)
			)
		);
		const results = outs.map((o) => o.stdout).sort();
		// one contact already: two calls may go, the other two are refused by C2
		expect(results).toEqual([
			'called',
			'called',
			'ops.tasks.refused.c2_cap',
			'ops.tasks.refused.c2_cap'
		]);
		expect(
			scalar(
				db,
				`SELECT count(*) FROM contact_events WHERE claim_id = ? AND outcome NOT IN ('blocked')`,
				claimId
			)
		).toBe(3);
		expect(verifyAuditChain(db).ok).toBe(true);
	}, 60_000);
});

describe('right-party verification and outcomes', () => {
	it('shows nothing about the debt before the right party is verified on the call', () => {
		const { db, claimId } = world();
		const ref = scalar(db, 'SELECT reference FROM claims WHERE id = ?', claimId);
		const before = callSheet(db, OPERATOR, claimId);
		expect(before.debt).toBeNull();
		expect(before.question).toBe('birth_date');
		const { callId } = startCall(db, OPERATOR, { claimId });
		const started = callSheet(db, OPERATOR, claimId);
		expect(started.openCall).toEqual({ id: callId, verified: false });
		for (const sheet of [before, started]) {
			const text = JSON.stringify(sheet);
			expect(text).not.toContain(String(ref));
			expect(text).not.toContain('Példa Bank');
		}
		expect(() =>
			verifyParty(db, OPERATOR, { callId, nameConfirmed: true, answer: '1980-04-03' })
		).toThrow(ValidationError);
		expect(() =>
			verifyParty(db, OPERATOR, { callId, nameConfirmed: false, answer: '1980-04-02' })
		).toThrow(ValidationError);
		expect(callSheet(db, OPERATOR, claimId).debt).toBeNull();
		expect(
			verifyParty(db, OPERATOR, { callId, nameConfirmed: true, answer: '1980.04.02' })
		).toMatchObject({ reference: ref, creditorName: 'Példa Bank Zrt.' });
		expect(callSheet(db, OPERATOR, claimId)).toMatchObject({
			openCall: { id: callId, verified: true },
			debt: { reference: ref }
		});
		// the promise a call may take is stated on its form first: by the creditor's days, at least
		// the smallest part payment (before verification: nothing, it would speak of the debt)
		expect(before.promise).toBeNull();
		const limits = callSheet(db, OPERATOR, claimId).promise!;
		expect(limits.from).toBe(localDate(clock().now()));
		expect(limits.to > limits.from).toBe(true);
		expect(limits.minMinor).toBeGreaterThan(0);
		// another operator's view of the claim shows no debt (the verification is on this call)
		expect(callSheet(db, OPERATOR_2, claimId).debt).toBeNull();
	});

	it('a wrong party ends the call with nothing about the debt stored in the contact', () => {
		const { db, claimId } = world();
		const { callId } = startCall(db, OPERATOR, { claimId });
		finishCall(
			db,
			OPERATOR,
			finish(callId, {
				outcome: 'wrong_party',
				note: 'Told the neighbour about the 120 000 Ft debt',
				recordingRef: 'rec-77',
				durationSeconds: 40
			})
		);
		const row = allRows(
			db,
			`SELECT outcome, note, template, recording_ref, duration_seconds FROM contact_events WHERE id = ?`,
			callId
		)[0];
		expect(row).toEqual({
			outcome: 'wrong_party',
			note: null,
			template: null,
			recording_ref: 'rec-77',
			duration_seconds: 40
		});
		const audited = scalar(
			db,
			`SELECT after_json FROM audit_log WHERE action = 'call.logged' AND entity_id = ?`,
			String(callId)
		);
		expect(JSON.parse(String(audited))).toEqual({ outcome: 'wrong_party' });
		// the call task is done
		expect(callList(db, OPERATOR)).toEqual([]);
	});

	it('an outcome about the debt needs the right party verified (nothing saved otherwise)', () => {
		const { db, claimId } = world();
		const { callId } = startCall(db, OPERATOR, { claimId });
		expect(() =>
			finishCall(
				db,
				OPERATOR,
				finish(callId, {
					outcome: 'promise',
					promise: { promisedDate: '2026-04-03', amountMinor: 5_000_00 }
				})
			)
		).toThrow(expect.objectContaining({ key: 'calls.error.notVerified' }));
		expect(scalar(db, 'SELECT count(*) FROM promises')).toBe(0);
		expect(scalar(db, 'SELECT outcome FROM contact_events WHERE id = ?', callId)).toBe('dialing');
	});

	it('a promise on the call makes a hold and stops the reminders', () => {
		const { db, claimId, debtorId } = world();
		const { callId } = startCall(db, OPERATOR, { claimId });
		verifyParty(db, OPERATOR, { callId, nameConfirmed: true, answer: '1980-04-02' });
		finishCall(
			db,
			OPERATOR,
			finish(callId, {
				outcome: 'promise',
				durationSeconds: 185,
				recordingRef: 'abc-1',
				promise: { promisedDate: '2026-04-03', amountMinor: 5_000_00 }
			})
		);
		expect(
			allRows(
				db,
				'SELECT debtor_id, status, amount_minor FROM promises WHERE claim_id = ?',
				claimId
			)
		).toEqual([{ debtor_id: debtorId, status: 'open', amount_minor: 5_000_00 }]);
		expect(
			scalar(db, `SELECT kind FROM holds WHERE claim_id = ? AND ended_at IS NULL`, claimId)
		).toBe('promise');
		expect(
			scalar(
				db,
				`SELECT count(*) FROM planned_actions WHERE claim_id = ? AND state = 'planned'`,
				claimId
			)
		).toBe(0);
		expect(scalar(db, `SELECT actor_kind FROM audit_log WHERE action = 'promise.make'`)).toBe(
			'operator'
		);
	});

	it('a callback request makes a call task at that time', () => {
		const { db, clock, claimId } = world();
		const { callId } = startCall(db, OPERATOR, { claimId });
		const at = instantAt('2026-03-30', 15);
		expect(() =>
			finishCall(
				db,
				OPERATOR,
				finish(callId, { outcome: 'callback', callbackAt: instantAt('2026-03-29', 15) })
			)
		).toThrow(ValidationError); // a Sunday: outside the window
		finishCall(db, OPERATOR, finish(callId, { outcome: 'callback', callbackAt: at }));
		expect(callList(db, OPERATOR)).toEqual([]);
		expect(callbacksDue(db, OPERATOR)).toBe(0);
		clock.set(instantAt('2026-03-30', 15));
		expect(callbacksDue(db, OPERATOR)).toBe(1);
		clock.set(instantAt('2026-03-30', 14));
		const [task] = callList(db, OPERATOR);
		expect(task).toMatchObject({ claimId, callbackAt: at });
	});

	it('turns a recording id into a link with the template', () => {
		expect(recordingUrl('a b', 'https://pbx.example/rec/{id}')).toBe(
			'https://pbx.example/rec/a%20b'
		);
		expect(recordingUrl('https://x.example/1', undefined)).toBe('https://x.example/1');
		expect(recordingUrl('12', undefined)).toBeNull();
	});
});
