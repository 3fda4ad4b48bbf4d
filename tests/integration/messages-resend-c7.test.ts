/**
 * C7 whoever queued the message (walkthrough s16, item 1): an operator's "Send again" of a failed
 * firm reminder about a claim that was paid meanwhile went out, because the copy's source is
 * 'staff' and only the engine's own messages were checked for a paid claim. Now the dispatcher
 * decides by the template at send time, in the transaction that records the contact, and the
 * message page does not offer to send such a reminder again.
 */
import { describe, expect, it } from 'vitest';
import { scalar } from '../helpers/db';
import {
	freshMessageWorld,
	makeMessage,
	messageRows,
	useMailer
} from '../helpers/messages-fixtures';
import { paidFor } from '../helpers/payment-fixtures';
import { addOperator, conflictKey, OPERATOR } from '../helpers/portal-fixtures';
import { dispatchDue, dispatchOnce } from '../../src/lib/server/services/dispatcher';
import { getMessage, resendMessage } from '../../src/lib/server/services/message-views';
import { ConflictError } from '../../src/lib/server/services/errors';
import { enqueue } from '../../src/lib/server/services/outbox';
import { clock } from '../../src/lib/server/clock';
import type { DB } from '../../src/lib/server/db/client';

const mailer = useMailer();
const { options } = mailer;

const contacts = (db: DB, claimId: number) =>
	scalar(db, 'SELECT count(*) FROM contact_events WHERE claim_id = ?', claimId);

/**
 * A debtor with one claim and the operator; `unsent(templateKey, status)` adds a message about the
 * claim that did not go out (failed unless told), as one an operator may send again.
 */
function world() {
	const w = freshMessageWorld();
	addOperator(w.db);
	const unsent = (
		templateKey: string,
		status: 'failed' | 'bounced' = 'failed',
		statusReason?: string
	) =>
		makeMessage(w.db, {
			debtorId: w.debtorId,
			claimId: w.claimId,
			templateKey,
			status,
			statusReason
		});
	return { ...w, unsent };
}

describe("C7 for an operator's resend", () => {
	it('a resent firm reminder about a claim paid before it is due is stopped at send time (c7_paid), nothing leaves', async () => {
		const { db, debtorId, claimId, unsent } = world();
		const failed = unsent('firm.reminder', 'failed', 'provider_error');
		expect(getMessage(db, OPERATOR, failed).canResend).toBe(true);
		const { id: copy } = resendMessage(db, OPERATOR, failed);
		// between the operator's click and the dispatcher: the debtor pays it all
		await paidFor(db, debtorId, claimId, 12_345_600, 'full');
		expect(scalar(db, 'SELECT status FROM claims WHERE id = ?', claimId)).toBe('paid');
		const before = contacts(db, claimId);
		const r = await dispatchDue(db, options());
		expect(r).toMatchObject({ sent: 0, cancelled: 1 });
		const row = messageRows(db).find((m) => m.id === copy)!;
		expect([row.status, row.status_reason, row.body]).toEqual(['cancelled', 'c7_paid', null]);
		expect(mailer.smtp.messages).toHaveLength(0);
		expect(contacts(db, claimId)).toBe(before);
		expect(
			scalar(
				db,
				"SELECT count(*) FROM audit_log WHERE action = 'message.cancelled' AND entity_id = ?",
				String(copy)
			)
		).toBe(1);
	});

	it('the page does not offer "Send again" for a reminder about a paid or held claim, says why, and the service refuses it', async () => {
		const { db, debtorId, claimId, unsent } = world();
		const failed = unsent('firm.reminder', 'bounced');
		// on hold (a dispute): not now
		db.$client
			.prepare(
				`INSERT INTO holds (claim_id, kind, start_date, effect_json, created_at) VALUES (?, 'dispute', '2026-03-01', '{"kind":"stop_clock"}', 0)`
			)
			.run(claimId);
		expect(getMessage(db, OPERATOR, failed)).toMatchObject({
			canResend: false,
			resendRefusal: 'ops.messages.resendHold'
		});
		expect(() => resendMessage(db, OPERATOR, failed)).toThrow(ConflictError);
		db.$client.prepare('DELETE FROM holds WHERE claim_id = ?').run(claimId);
		await paidFor(db, debtorId, claimId, 12_345_600, 'full');
		expect(getMessage(db, OPERATOR, failed)).toMatchObject({
			canResend: false,
			resendRefusal: 'ops.messages.resendPaid'
		});
		expect(conflictKey(() => resendMessage(db, OPERATOR, failed))).toBe('ops.messages.resendPaid');
		expect(scalar(db, "SELECT count(*) FROM messages WHERE source = 'staff'")).toBe(0);
		// the settlement's own news may still be sent again on the paid claim
		const completed = unsent('plan_completed');
		expect(getMessage(db, OPERATOR, completed).canResend).toBe(true);
		// a code or a link the debtor asked for is theirs to ask again
		const code = makeMessage(db, {
			debtorId,
			claimId: null,
			templateKey: 'contact_code',
			status: 'failed'
		});
		expect(getMessage(db, OPERATOR, code)).toMatchObject({
			canResend: false,
			resendRefusal: 'ops.messages.resendAskedFor'
		});
	});

	it('on a paid claim an outbox notice stops too, whoever queued it, but the settlement notice still goes', async () => {
		const { db, debtorId, claimId, unsent } = world();
		// copies an operator queued while the claim was still open
		for (const templateKey of ['plan_active', 'firm.reminder', 'plan_completed'])
			resendMessage(db, OPERATOR, unsent(templateKey));
		const now = clock().now();
		for (const template of ['installment_reminder', 'plan_countered', 'plan_completed'] as const)
			enqueue(db, { debtorId, claimId, template, dedupeKey: `t:${template}`, now });
		await paidFor(db, debtorId, claimId, 12_345_600, 'full');
		await dispatchOnce(db, options());
		const rows = db.$client
			.prepare(
				`SELECT template_key AS t, source, status, status_reason AS reason FROM messages
				  WHERE status <> 'failed' ORDER BY id`
			)
			.all() as { t: string; source: string; status: string; reason: string | null }[];
		expect(rows.map((m) => `${m.source}:${m.t}:${m.status}:${m.reason ?? ''}`)).toEqual(
			[
				'staff:plan_active:cancelled:c7_paid',
				'staff:firm.reminder:cancelled:c7_paid',
				'staff:plan_completed:sending:',
				'outbox:installment_reminder:cancelled:c7_paid',
				'outbox:plan_countered:cancelled:c7_paid',
				'outbox:plan_completed:sending:'
			].map((x) => x.replace('sending', 'sent'))
		);
		expect(mailer.smtp.messages).toHaveLength(2);
	});

	it('a resend that is stopped leaves the outbox alone (its source is the message it copies, not an outbox row)', async () => {
		const { db, debtorId, claimId, unsent } = world();
		const failed = unsent('firm.reminder');
		resendMessage(db, OPERATOR, failed);
		// an unrelated outbox notice whose id happens to be the copied message's id
		enqueue(db, {
			debtorId,
			claimId,
			template: 'plan_review',
			dedupeKey: 'unrelated',
			now: clock().now() + 86_400_000
		});
		expect(scalar(db, 'SELECT id FROM outbox')).toBe(failed);
		db.$client.prepare("UPDATE claims SET status = 'in_plan' WHERE id = ?").run(claimId);
		const r = await dispatchDue(db, options());
		expect(r).toMatchObject({ cancelled: 1, sent: 0 });
		expect(messageRows(db).at(-1)).toMatchObject({ status: 'cancelled', status_reason: 'c7_hold' });
		expect(scalar(db, 'SELECT status FROM outbox WHERE id = ?', failed)).toBe('queued');
	});
});
