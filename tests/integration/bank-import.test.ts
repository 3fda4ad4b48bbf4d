/**
 * Bank statement import (issue 19 item 5): credits matched by the claim reference in their text
 * and posted through the card payments' reconciliation (6:46, refund task, receipt, certificate),
 * idempotent by the bank's entry reference; the unmatched queue, matched by hand or set aside.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { testDb, scalar as q, allRows } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { bankCsv, bankOperator, bytes, camt053, type TestEntry } from '../helpers/bank-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import {
	bankImport,
	markNotOurs,
	matchCandidates,
	matchEntry,
	runBankImport,
	unfinishedBankImports,
	unmatchedEntries,
	uploadStatement
} from '../../src/lib/server/services/bank';
import { statementFor } from '../../src/lib/server/services/ledger';
import {
	ConflictError,
	ForbiddenError,
	ValidationError
} from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { refundPayment } from '../../src/lib/server/services/refunds';
import { reportDirectPayment } from '../../src/lib/server/services/recall';
import { demoRefunding } from '../helpers/refund-fixtures';
import { creditorUser } from '../helpers/creditor-fixtures';

describe('bank statement import', () => {
	let db: DB;
	let op: ReturnType<typeof bankOperator>;
	let cr: { creditorId: number; portfolioId: number };
	let debtorId: number;
	/** 100 000 Ft principal, 5 000 Ft interest, 1 000 Ft costs */
	const charges = { principal: 10_000_000, interest: 500_000, cost: 100_000 };
	let a: number;
	let b: number;

	beforeEach(() => {
		({ db } = testDb());
		op = bankOperator(db);
		cr = makeCreditor(db);
		debtorId = makeDebtor(db);
		a = makeClaim(db, cr, debtorId, charges, 'HUF', { reference: 'RZ-2026-0000101' });
		b = makeClaim(db, cr, debtorId, charges, 'HUF', { reference: 'RZ-2026-0000102' });
	});

	function importText(text: string, name = 'statement.xml') {
		const id = uploadStatement(db, op, { fileName: name, bytes: bytes(text) });
		runBankImport(db, id);
		return bankImport(db, op, id);
	}
	const balance = (id: number) => q(db, 'SELECT balance_minor FROM claims WHERE id = ?', id);
	const paymentsOf = (id: number) =>
		allRows(
			db,
			'SELECT id, amount_minor AS amountMinor, status, gateway, receipt_number AS receipt FROM payments WHERE claim_id = ? ORDER BY id',
			id
		) as { id: number; amountMinor: number; status: string; gateway: string; receipt: string }[];

	const normal: TestEntry[] = [
		// pays claim a in full: 106 000 Ft
		{ ref: 'BANK-0001', amount: '106000.00', text: 'Befizetes RZ-2026-0000101' },
		// part of claim b: 3 000 Ft (costs 1 000, then interest 2 000: Ptk. 6:46)
		{ ref: 'BANK-0002', amount: '3000', text: 'RZ-2026-0000102 reszlet', debtor: 'Minta Mária' },
		// money going out of the account
		{ ref: 'BANK-0003', amount: '250.00', credit: false, text: 'bank fee' },
		// no text at all, and a text with no reference of ours
		{ ref: 'BANK-0004', amount: '5000.00' },
		{ ref: 'BANK-0005', amount: '7000.00', text: 'Számla 2026/77' }
	];

	it('posts matched credits like card payments (6:46, receipt, certificate), skips debits, queues the rest', () => {
		const { imp, entries } = importText(camt053(normal));
		expect(imp).toMatchObject({
			status: 'done',
			format: 'camt053',
			account: 'HU42117730161111101800000000',
			totalEntries: 5,
			processed: 5,
			posted: 2,
			unmatched: 2,
			skipped: 1,
			duplicates: 0
		});
		expect(entries.map((e) => [e.entryRef, e.status, e.reason])).toEqual([
			['BANK-0001', 'posted', null],
			['BANK-0002', 'posted', null],
			['BANK-0003', 'skipped', 'debit'],
			['BANK-0004', 'unmatched', 'no_reference'],
			['BANK-0005', 'unmatched', 'unknown_reference']
		]);
		expect(entries[1]).toMatchObject({
			claimId: b,
			claimReference: 'RZ-2026-0000102',
			debtorName: 'Minta Mária',
			matchedBy: 'reference'
		});
		// claim a: paid off, with a receipt and the settlement certificate
		expect(balance(a)).toBe(0);
		const [pa] = paymentsOf(a);
		expect(pa).toMatchObject({
			amountMinor: 10_600_000,
			status: 'succeeded',
			gateway: 'bank_transfer'
		});
		expect(pa.receipt).toMatch(/^RZ-2026-\d{7}$/);
		expect(q(db, 'SELECT status FROM claims WHERE id = ?', a)).toBe('paid');
		expect(q(db, 'SELECT count(*) FROM settlement_certificates WHERE claim_id = ?', a)).toBe(1);
		// claim b: costs first, then interest; principal untouched
		const s = statementFor(db, b);
		expect(s.paid).toEqual({ cost: 100_000, fee: 0, interest: 200_000, principal: 0 });
		expect(balance(b)).toBe(10_600_000 - 300_000);
		expect(paymentsOf(b)[0]).toMatchObject({ status: 'succeeded', amountMinor: 300_000 });
		// the queue holds the two, oldest first
		expect(unmatchedEntries(db, op).map((e) => e.entryRef)).toEqual(['BANK-0004', 'BANK-0005']);
		expect(unfinishedBankImports(db)).toEqual([]);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('imports the same statement twice without posting anything twice', () => {
		importText(camt053(normal));
		const ledgerRows = q(db, 'SELECT count(*) FROM ledger_entries');
		const again = importText(camt053(normal), 'again.xml');
		expect(again.imp).toMatchObject({
			status: 'done',
			posted: 0,
			unmatched: 0,
			skipped: 0,
			duplicates: 5
		});
		expect(again.entries).toEqual([]);
		expect(q(db, 'SELECT count(*) FROM ledger_entries')).toBe(ledgerRows);
		expect(q(db, "SELECT count(*) FROM payments WHERE gateway = 'bank_transfer'")).toBe(2);
		expect(unmatchedEntries(db, op)).toHaveLength(2);
		// the CSV form of the same entries is the same bank entries
		const csv = importText(bankCsv(normal), 'again.csv');
		expect(csv.imp).toMatchObject({ format: 'csv', posted: 0, duplicates: 5 });
	});

	it('posts an entry that appears twice in one file once', () => {
		const twice = { ref: 'BANK-0100', amount: '1000.00', text: 'RZ-2026-0000101' };
		const { imp } = importText(camt053([twice, twice]));
		expect(imp).toMatchObject({ posted: 1, duplicates: 1 });
		expect(paymentsOf(a)).toHaveLength(1);
		expect(balance(a)).toBe(10_600_000 - 100_000);
	});

	it('keeps entries without a bank reference apart by occurrence, and still idempotent', () => {
		const noRef = { amount: '1000.00', text: 'RZ-2026-0000101' };
		const first = importText(camt053([noRef, noRef]));
		expect(first.imp).toMatchObject({ posted: 2, duplicates: 0 });
		const again = importText(camt053([noRef, noRef]));
		expect(again.imp).toMatchObject({ posted: 0, duplicates: 2 });
		expect(balance(a)).toBe(10_600_000 - 200_000);
	});

	it('overpayment opens a refund task; underpayment is a part payment', () => {
		const { imp } = importText(
			camt053([
				{ ref: 'OVER-1', amount: '110000.00', text: 'RZ-2026-0000101' },
				{ ref: 'UNDER-1', amount: '50000.00', text: 'RZ-2026-0000102' }
			])
		);
		expect(imp.posted).toBe(2);
		expect(balance(a)).toBe(0);
		const tasks = allRows(
			db,
			'SELECT claim_id AS claimId, amount_minor AS amountMinor, status FROM refund_tasks'
		);
		expect(tasks).toEqual([{ claimId: a, amountMinor: 400_000, status: 'open' }]);
		expect(balance(b)).toBe(10_600_000 - 5_000_000);
		expect(q(db, 'SELECT status FROM claims WHERE id = ?', b)).not.toBe('paid');
		expect(statementFor(db, b).paid).toEqual({
			cost: 100_000,
			fee: 0,
			interest: 500_000,
			principal: 4_400_000
		});
	});

	it("a transfer's overpayment goes back by a transfer the operator records, never through a card gateway", async () => {
		importText(camt053([{ ref: 'OVER-2', amount: '110000.00', text: 'RZ-2026-0000101' }]));
		const paymentId = q(db, 'SELECT id FROM payments WHERE claim_id = ?', a) as number;
		const taskId = q(db, 'SELECT id FROM refund_tasks WHERE payment_id = ?', paymentId) as number;
		const noCard = demoRefunding(async () => {
			throw new Error('a card gateway must not be asked to refund a bank transfer');
		});
		const refund = (transferRef?: string) =>
			refundPayment(
				db,
				op,
				{
					paymentId,
					amountMinor: 400_000,
					reason: 'túlfizetés',
					refundTaskId: taskId,
					transferRef
				},
				noCard
			);
		// the transfer's reference is asked for, next to its field
		// (and one an auditor can find: no dots alone, nothing invisible)
		for (const ref of ['', '...', '\u200b\u200b\u200b', 'A\u200b\u200b']) {
			const e = await refund(ref).catch((x) => x);
			expect((e as ValidationError).fields.transferRef.key, ref).toBe(
				'payments.refund.error.transferRef'
			);
		}
		const r = await refund('VISSZA-0042');
		expect(r.status).toBe('succeeded');
		expect(q(db, 'SELECT status FROM refund_tasks WHERE id = ?', taskId)).toBe('done');
		expect(q(db, 'SELECT refunded_minor FROM payments WHERE id = ?', paymentId)).toBe(400_000);
		expect(q(db, 'SELECT provider_ref FROM refunds WHERE id = ?', r.id)).toContain('VISSZA-0042');
		// the claim stays paid: only the overpayment went back
		expect(balance(a)).toBe(0);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('a payment made straight to the creditor is not ours to refund', async () => {
		const cu = creditorUser(db, cr.creditorId, 'cu@bank.test');
		const paymentId = reportDirectPayment(db, cu, {
			claimId: b,
			amountMinor: 100_000,
			reason: 'a bankunkba fizetett'
		});
		await expect(
			refundPayment(db, op, { paymentId, amountMinor: 100_000, reason: 'téves' })
		).rejects.toMatchObject({ key: 'payments.refund.error.direct' });
	});

	it('a wrong currency waits unmatched, with the claim it names', () => {
		const { entries } = importText(
			camt053([{ ref: 'EUR-1', amount: '250.00', currency: 'EUR', text: 'RZ-2026-0000101' }])
		);
		expect(entries[0]).toMatchObject({ status: 'unmatched', reason: 'wrong_currency', claimId: a });
		expect(paymentsOf(a)).toEqual([]);
		expect(balance(a)).toBe(10_600_000);
	});

	it('matches a reference typed with spaces, dashes moved and lower case, or given structured', () => {
		const { imp, entries } = importText(
			camt053([
				{ ref: 'S-1', amount: '1000', text: 'tartozas rz 2026 0000101 koszonom' },
				{ ref: 'S-2', amount: '1000', text: 'Rz2026-00001-02' },
				{ ref: 'S-3', amount: '1000', structuredRef: 'RZ20260000102' }
			])
		);
		expect(imp.posted).toBe(3);
		expect(entries.map((e) => e.claimId)).toEqual([a, b, b]);
	});

	it('a text naming two claims is ambiguous; a closed or paid claim takes nothing automatically', () => {
		const c = makeClaim(db, cr, debtorId, charges, 'HUF', { reference: 'RZ-2026-0000103' });
		db.$client.prepare("UPDATE claims SET status = 'closed' WHERE id = ?").run(c);
		const { entries } = importText(
			camt053([
				{ ref: 'AMB-1', amount: '1000', text: 'RZ-2026-0000101 es RZ-2026-0000102' },
				{ ref: 'CL-1', amount: '1000', text: 'RZ-2026-0000103' },
				{ ref: 'PAID-1', amount: '106000', text: 'RZ-2026-0000101' },
				{ ref: 'PAID-2', amount: '1000', text: 'RZ-2026-0000101' }
			])
		);
		expect(entries.map((e) => [e.entryRef, e.status, e.reason])).toEqual([
			['AMB-1', 'unmatched', 'ambiguous_reference'],
			['CL-1', 'unmatched', 'claim_closed'],
			['PAID-1', 'posted', null],
			['PAID-2', 'unmatched', 'nothing_owed']
		]);
	});

	it('an operator matches a queued credit by hand (audited), once; or sets one aside', () => {
		importText(camt053(normal));
		const [noRef, unknown] = unmatchedEntries(db, op);
		// the search finds the claim by reference and by the debtor's name
		const found = matchCandidates(db, op, 'Teszt Elek');
		expect(found.claims.map((c) => c.id).sort()).toEqual([a, b].sort());
		expect(matchCandidates(db, op, 'RZ-2026-0000102').claims.map((c) => c.id)).toEqual([b]);

		const before = balance(b);
		const res = matchEntry(db, op, { entryId: noRef.id, claimId: b });
		expect(balance(b)).toBe(before - 500_000);
		const posted = bankImport(db, op, noRef.importId).entries.find((e) => e.id === noRef.id)!;
		expect(posted).toMatchObject({
			status: 'posted',
			claimId: b,
			matchedBy: 'operator',
			paymentId: res.paymentId
		});
		expect(
			q(
				db,
				"SELECT count(*) FROM audit_log WHERE action = 'bank_entry.match' AND entity_id = ?",
				String(noRef.id)
			)
		).toBe(1);
		expect(() => matchEntry(db, op, { entryId: noRef.id, claimId: b })).toThrow(ConflictError);
		expect(q(db, 'SELECT provider_ref FROM payments WHERE id = ?', res.paymentId)).toBe(
			'bank:BANK-0004'
		);

		expect(() => markNotOurs(db, op, { entryId: unknown.id, reason: '  ' })).toThrow(
			ValidationError
		);
		markNotOurs(db, op, { entryId: unknown.id, reason: 'A szomszéd iroda számlájára szánták' });
		expect(unmatchedEntries(db, op)).toEqual([]);
		expect(q(db, "SELECT count(*) FROM audit_log WHERE action = 'bank_entry.not_ours'")).toBe(1);
		// debtors and creditors cannot
		expect(() =>
			matchEntry(db, { kind: 'debtor', debtorId }, { entryId: unknown.id, claimId: a })
		).toThrow(ForbiddenError);
		expect(verifyAuditChain(db).ok).toBe(true);
	});

	it('refuses a hand match to a claim in another currency', () => {
		importText(camt053([{ ref: 'X-1', amount: '100.00', currency: 'EUR', text: 'hello' }]));
		const [e] = unmatchedEntries(db, op);
		expect(() => matchEntry(db, op, { entryId: e.id, claimId: a })).toThrow(ValidationError);
		const eur = makeClaim(db, cr, debtorId, { principal: 50_000 }, 'EUR', { reference: 'EU-77' });
		matchEntry(db, op, { entryId: e.id, claimId: eur });
		expect(balance(eur)).toBe(40_000);
	});

	it('resumes an import that was stopped between chunks, posting nothing twice', () => {
		const many: TestEntry[] = Array.from({ length: 7 }, (_, i) => ({
			ref: `CH-${i}`,
			amount: '1000',
			text: 'RZ-2026-0000101'
		}));
		const id = uploadStatement(db, op, { fileName: 's.xml', bytes: bytes(camt053(many)) });
		expect(() =>
			runBankImport(db, id, {
				chunkEntries: 3,
				afterChunk: (n) => {
					if (n === 1) throw new Error('killed');
				}
			})
		).toThrow('killed');
		expect(bankImport(db, op, id).imp).toMatchObject({
			status: 'processing',
			processed: 3,
			posted: 3
		});
		expect(unfinishedBankImports(db)).toEqual([id]);
		runBankImport(db, id, { chunkEntries: 3 });
		expect(bankImport(db, op, id).imp).toMatchObject({ status: 'done', processed: 7, posted: 7 });
		expect(paymentsOf(a)).toHaveLength(7);
	});

	it('refuses at upload what cannot be a statement; a broken entry fails the import with its number', () => {
		const up = (s: string) => () => uploadStatement(db, op, { fileName: 'x', bytes: bytes(s) });
		const xxe = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document><BkToCstmrStmt>&x;</BkToCstmrStmt></Document>`;
		expect(up(xxe)).toThrow(ValidationError);
		expect(up('<html><body>hi</body></html>')).toThrow(ValidationError);
		expect(up('name,amount\nx,1\n')).toThrow(ValidationError);
		expect(() =>
			uploadStatement(db, op, { fileName: 'x', bytes: new Uint8Array([0x3c, 0xf5, 0xfb]) })
		).toThrow(ValidationError);
		const bad = camt053([
			{ ref: 'OK', amount: '10.00', text: 'x' },
			{ ref: 'BAD', amount: '12.345', text: 'x' }
		]);
		const id = uploadStatement(db, op, { fileName: 'bad.xml', bytes: bytes(bad) });
		runBankImport(db, id);
		expect(bankImport(db, op, id).imp).toMatchObject({
			status: 'failed',
			errorKey: 'bank.err.entry',
			errorAt: 2,
			posted: 0
		});
	});
});
