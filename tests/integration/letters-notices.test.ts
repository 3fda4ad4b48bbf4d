/**
 * A debtor reachable only by post gets the plan's news, the instalment reminders and the answer to
 * a dispute as printed letters (domain/letter-texts.ts), through the stage letters' path: the
 * dispatcher queues the letter, the print batch writes it in the debtor's language, the batch PDF
 * prints it, the hand-over sends it, once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDbs, scalar, testDb } from '../helpers/db';
import {
	addStaff,
	fieldKeys,
	makeClaim,
	makeCreditor,
	makeDebtor
} from '../helpers/portal-fixtures';
import { agreedPlan, installmentsOf, payInstallment } from '../helpers/plans-fixtures';
import { dispatchOnce } from '../../src/lib/server/services/dispatcher';
import {
	makeLetterBatches,
	requestTodaysBatch
} from '../../src/lib/server/services/letter-writing';
import { batchDetail, batchPdf, handOverBatch } from '../../src/lib/server/services/letters';
import { answerDispute, openDispute } from '../../src/lib/server/services/disputes';
import { enqueue } from '../../src/lib/server/services/outbox';
import { requestFreshLink } from '../../src/lib/server/services/access';
import { mintAccessLink } from '../../src/lib/server/auth/links';
import { listTemplates, saveTemplateVersion } from '../../src/lib/server/services/template-admin';
import type { Actor } from '../../src/lib/domain/actor';
import { formatMoney } from '../../src/lib/domain/money';
import type { DB } from '../../src/lib/server/db/client';

afterAll(removeTempDbs);

const ORIGIN = 'https://portal.rendez.test';
const options = { channels: {}, origin: ORIGIN };

/** Two debtors with only a postal address: Anna reads Hungarian, Bob English; an operator. */
function world() {
	const { db, clock } = testDb('2026-03-09', 10);
	const cr = makeCreditor(db, 'Duna Bank Zrt.');
	const anna = makeDebtor(db, 'Kiss Anna');
	const bob = makeDebtor(db, 'Bob Smith');
	db.$client.prepare(`UPDATE debtors SET language = 'en' WHERE id = ?`).run(bob);
	const annaClaim = makeClaim(db, cr, anna, { principal: 30_000_000 }, 'HUF', {
		reference: 'RZ-PLAN-1'
	});
	const bobClaim = makeClaim(db, cr, bob, { principal: 4_500_000 }, 'HUF', {
		reference: 'RZ-DISP-2'
	});
	const op: Actor = {
		kind: 'operator',
		userId: addStaff(db, 'operator', 'op@rendez.test', 'Olga Operátor')
	};
	return { db, clock, anna, bob, annaClaim, bobClaim, op };
}

type Row = {
	id: number;
	template_key: string;
	channel: string;
	status: string;
	status_reason: string | null;
	language: string;
	subject: string | null;
	body: string | null;
	letter_batch_id: number | null;
};
/** The messages the outbox's notices became (not the engine's reminders). */
const rows = (db: DB) =>
	db.$client.prepare(`SELECT * FROM messages WHERE source <> 'engine' ORDER BY id`).all() as Row[];
const qrOf = (db: DB, messageId: number) =>
	scalar(
		db,
		`SELECT qr_payload FROM letter_contents WHERE message_id = ?`,
		messageId
	) as unknown as string;

/** Today's batch, made by the worker as the letters page asks for it. */
function makeBatch(db: DB, op: Actor) {
	const { batchId } = requestTodaysBatch(db, op, { origin: ORIGIN });
	makeLetterBatches(db);
	return batchId;
}

describe('notices by post', () => {
	it("a postal-only debtor's plan notice and dispute answer are printed in their language, and sent once", async () => {
		const { db, anna, bob, annaClaim, bobClaim, op } = world();
		const plan = agreedPlan(db, { kind: 'debtor', debtorId: anna }, annaClaim);
		const first = installmentsOf(db, plan.id)[0];
		const d = openDispute(
			db,
			{ kind: 'debtor', debtorId: bob },
			{
				claimId: bobClaim,
				reason: 'not_mine',
				details: ''
			}
		);
		answerDispute(db, op, {
			disputeId: d.id,
			outcome: 'rejected',
			answer: 'We checked the contract you signed.'
		});

		// (the engine's friendly reminder, by SMS or e-mail only, is blocked: no number or address)
		expect(await dispatchOnce(db, options)).toMatchObject({ letters: 2 });
		const queued = rows(db);
		expect(queued.map((m) => [m.template_key, m.channel, m.status])).toEqual([
			['plan_active', 'letter', 'queued'],
			['dispute_answered', 'letter', 'queued']
		]);
		expect(scalar(db, `SELECT count(*) FROM outbox WHERE status = 'sent'`)).toBe(2);

		const batchId = makeBatch(db, op)!;
		const [planLetter, answer] = rows(db);
		expect(planLetter).toMatchObject({ letter_batch_id: batchId, language: 'hu' });
		expect(planLetter.subject).toBe('Részletfizetése elindult');
		expect(planLetter.body).toContain('Tisztelt Kiss Anna!');
		expect(planLetter.body).toContain('RZ-PLAN-1');
		expect(planLetter.body).toContain(
			`Az első esedékes, ${formatMoney(first.amountMinor, 'HUF', 'hu')} összegű részletet legkésőbb 2026. március 9-ig`
		);
		expect(planLetter.body).toContain(`${ORIGIN}/p/`);
		expect(planLetter.body).not.toMatch(/ügyvéd/);
		// it asks for the instalment: the payment QR is for that amount
		expect(qrOf(db, planLetter.id)).toContain(`HUF${first.amountMinor / 100}`);

		expect(answer).toMatchObject({ letter_batch_id: batchId, language: 'en' });
		expect(answer.subject).toBe('Our answer to your dispute');
		expect(answer.body).toContain('Dear Bob Smith,');
		expect(answer.body).toContain('RZ-DISP-2');
		expect(answer.body).toContain('You can read our answer on your personal page');
		// the answer itself is printed: a postal-only debtor may never open the portal
		expect(answer.body).toContain('Our answer:\nWe checked the contract you signed.');
		// an answer asks for no payment: no payment QR, no transfer details in the PDF
		expect(qrOf(db, answer.id)).toBe('');

		const detail = batchDetail(db, op, batchId);
		expect(detail.batch).toMatchObject({ letterCount: 2, cancelledCount: 0 });
		expect(detail.letters.map((l) => l.templateKey)).toEqual(['plan_active', 'dispute_answered']);
		const pdf = await batchPdf(db, op, batchId);
		expect(Buffer.from(pdf.bytes).subarray(0, 5).toString()).toBe('%PDF-');
		const pages = (
			Buffer.from(pdf.bytes)
				.toString('latin1')
				.match(/\/Type \/Page\b/g) ?? []
		).length;
		expect(pages).toBeGreaterThanOrEqual(2);

		// nothing twice: no new message, no second batch; the hand-over sends each letter once
		expect(await dispatchOnce(db, options)).toMatchObject({ created: 0, letters: 0 });
		expect(requestTodaysBatch(db, op, { origin: ORIGIN }).batchId).toBeNull();
		expect(handOverBatch(db, op, { batchId })).toEqual({ sent: 2 });
		expect(rows(db).map((m) => m.status)).toEqual(['sent', 'sent']);
		expect(
			scalar(
				db,
				`SELECT count(*) FROM contact_events WHERE channel = 'letter' AND outcome = 'sent'`
			)
		).toBe(2);
		expect(await dispatchOnce(db, options)).toMatchObject({ created: 0, letters: 0 });
	});

	it('an instalment reminder by post names the instalment; paid before printing, it is not printed', async () => {
		const { db, clock, anna, annaClaim, op } = world();
		const debtor: Actor = { kind: 'debtor', debtorId: anna };
		const plan = agreedPlan(db, debtor, annaClaim);
		const [down, second] = installmentsOf(db, plan.id);
		const remind = (inst: typeof down) =>
			enqueue(db, {
				debtorId: anna,
				claimId: annaClaim,
				template: 'installment_reminder',
				params: { planId: plan.id, seq: inst.seq, dueDate: inst.dueDate },
				dedupeKey: `installment_reminder:${inst.id}`,
				now: clock.now()
			});
		remind(down);
		remind(second);
		await dispatchOnce(db, options);
		// the down payment arrives before the batch is made
		await payInstallment(db, debtor, annaClaim, down.amountMinor, plan.id);
		const batchId = makeBatch(db, op)!;
		const byKey = rows(db).filter((m) => m.template_key === 'installment_reminder');
		expect(byKey.map((m) => [m.status, m.status_reason])).toEqual([
			['cancelled', 'plan_changed'],
			['queued', null]
		]);
		const letter = byKey[1];
		expect(letter.letter_batch_id).toBe(batchId);
		expect(letter.subject).toBe('Emlékeztető a következő részletről');
		expect(letter.body).toContain('2026. március 31-ig');
		expect(qrOf(db, letter.id)).toContain(`HUF${second.amountMinor / 100}`);
	});

	it('a fresh link is never a letter: for a postal-only debtor it is blocked, not printed', async () => {
		const { db, anna, op } = world();
		const old = mintAccessLink(db, { kind: 'system', job: 'test' }, anna);
		expect(requestFreshLink(db, old.token, '192.0.2.9')).toBe(true);
		expect(await dispatchOnce(db, options)).toMatchObject({ created: 1, letters: 0, blocked: 1 });
		expect(rows(db)[0]).toMatchObject({ status: 'blocked', status_reason: 'no_template' });
		expect(makeBatch(db, op)).toBeNull();
	});

	it('the admin lists and edits the notice letters like the others; the edit is what is printed', async () => {
		const { db, bob, bobClaim, op } = world();
		const admin: Actor = {
			kind: 'admin',
			userId: addStaff(db, 'admin', 'admin@rendez.test', 'Adél Admin')
		};
		const letters = listTemplates(db, admin).filter((t) => t.channel === 'letter');
		for (const key of ['plan_active', 'installment_reminder', 'dispute_answered'])
			expect(letters.filter((t) => t.key === key).map((t) => t.lang)).toEqual(['hu', 'en']);
		// a plan letter may not name the handover as what comes next (C4)
		const planHu = { key: 'plan_active', channel: 'letter', lang: 'hu' } as const;
		expect(
			fieldKeys(() =>
				saveTemplateVersion(db, admin, planHu, {
					subject: 'Részletfizetése elindult',
					body: 'Tisztelt {name}! Ha nem fizet, {nextStep}. {link}'
				})
			)
		).toEqual({ body: 'admin.templates.problem.nextStepNotHere' });
		const answerEn = { key: 'dispute_answered', channel: 'letter', lang: 'en' } as const;
		saveTemplateVersion(db, admin, answerEn, {
			subject: 'We have answered you',
			body: 'Dear {name},\n\nOur answer about case {reference} is on your personal page: {link}'
		});
		const d = openDispute(
			db,
			{ kind: 'debtor', debtorId: bob },
			{ claimId: bobClaim, reason: 'not_mine', details: '' }
		);
		answerDispute(db, op, { disputeId: d.id, outcome: 'upheld', answer: 'You are right.' });
		await dispatchOnce(db, options);
		makeBatch(db, op);
		// upheld: the claim is closed, and the answer is printed all the same
		const [answer] = rows(db);
		expect(answer).toMatchObject({ status: 'queued', subject: 'We have answered you' });
		expect(answer.body).toContain('Our answer about case RZ-DISP-2 is on your personal page');
	});
});
