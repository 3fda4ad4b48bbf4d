/**
 * Remittance statements (issue 20, item 5): the statement equals the ledger over random histories,
 * commission follows the dated terms, another creditor's statement is not reachable, and the files
 * read right in Hungarian Excel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync, spawnSync } from 'node:child_process';
import { formatMoney } from '../../src/lib/domain/money';
import { AGENCY_FEE_MEMO } from '../../src/lib/domain/remittance';
import { translate } from '../../src/lib/i18n';
import { addClaim, addCreditor, addPortfolio, pay } from '../helpers/reports-fixtures';
import { allRows, removeTempDbs, testDb } from '../helpers/db';
import { postEntries } from '../../src/lib/server/services/ledger';
import { writeTx } from '../../src/lib/server/services/tx';
import {
	addCommissionTerm,
	commissionTermsFor,
	remittanceFor
} from '../../src/lib/server/services/remittance';
import { remittanceCsv, remittancePdf } from '../../src/lib/server/services/remittance-files';
import { NotFoundError, ValidationError } from '../../src/lib/server/services/errors';
import type { Actor } from '../../src/lib/domain/actor';
import type { DB } from '../../src/lib/server/db/client';

const ADMIN: Actor = { kind: 'admin', userId: 1 };
const creditorUser = (creditorId: number): Actor => ({ kind: 'creditor', userId: 2, creditorId });

afterEach(removeTempDbs);

/** poppler's pdftotext reads a PDF as its reader sees it; the PDF text test needs it installed. */
const noPdftotext = spawnSync('pdftotext', ['-v']).error != null;

/** A refund of part of a payment: positive ledger lines tied to the payment. */
function refund(db: DB, claimId: number, paymentId: number, date: string, principal: number) {
	writeTx(db, () =>
		postEntries(db, claimId, [
			{
				component: 'principal',
				kind: 'refund',
				amountMinor: principal,
				effectiveDate: date,
				paymentId
			}
		])
	);
}

/** A claim in a portfolio of its own, both placed on 1 September 2026 (due since 1 August). */
function placeClaim(
	db: DB,
	creditorId: number,
	portfolio: string,
	reference: string,
	currency: 'HUF' | 'EUR',
	charges: Parameters<typeof addClaim>[1]['charges']
) {
	const portfolioId = addPortfolio(db, creditorId, portfolio, '2026-09-01');
	const claimId = addClaim(db, {
		creditorId,
		portfolioId,
		reference,
		currency,
		placedDate: '2026-09-01',
		dueDate: '2026-08-01',
		charges
	});
	return { portfolioId, claimId };
}

/** 2 November 2026: "A Bank" with one HUF claim in its "Cards" portfolio. */
function bankWithOneClaim(reference: string, charges: Parameters<typeof placeClaim>[5]) {
	const { db } = testDb('2026-11-02');
	const creditorId = addCreditor(db, 'A Bank');
	return { db, creditorId, ...placeClaim(db, creditorId, 'Cards', reference, 'HUF', charges) };
}

/** A commission rate set by the admin, for the whole creditor unless `more` narrows it. */
const term = (db: DB, creditorId: number, rateBp: number, validFrom: string, more = {}) =>
	addCommissionTerm(db, ADMIN, {
		creditorId,
		portfolioId: null,
		stage: null,
		rateBp,
		validFrom,
		...more
	});

/** What the ledger says moved for a creditor in a period, per currency, by a query of its own. */
function ledgerMoney(db: DB, creditorId: number, from: string, to: string) {
	return allRows(
		db,
		`SELECT c.currency,
		        -SUM(CASE WHEN le.kind IN ('payment','reversal') THEN le.amount_minor ELSE 0 END) AS collected,
		        SUM(CASE WHEN le.kind = 'refund' THEN le.amount_minor ELSE 0 END) AS refunded,
		        COUNT(DISTINCT c.id) AS claims
		   FROM ledger_entries le JOIN claims c ON c.id = le.claim_id
		  WHERE c.creditor_id = ? AND le.payment_id IS NOT NULL AND le.effective_date BETWEEN ? AND ?
		  GROUP BY c.currency ORDER BY c.currency`,
		creditorId,
		from,
		to
	) as { currency: string; collected: number; refunded: number; claims: number }[];
}

describe('remittance statement', () => {
	it('equals the ledger over random histories, per currency, and the parts add up', () => {
		const day = fc.integer({ min: 1, max: 28 }).map((d) => `2026-10-${String(d).padStart(2, '0')}`);
		const event = fc.record({
			claim: fc.integer({ min: 0, max: 5 }),
			date: day,
			principal: fc.integer({ min: 1, max: 500_000 }),
			fee: fc.integer({ min: 0, max: 20_000 }),
			refund: fc.integer({ min: 0, max: 100 })
		});
		fc.assert(
			fc.property(
				fc.array(event, { minLength: 1, maxLength: 25 }),
				fc.array(fc.integer({ min: 0, max: 3000 }), { minLength: 1, maxLength: 3 }),
				fc.tuple(day, day),
				(events, rates, [a, b]) => {
					const { db } = testDb('2026-11-02');
					const creditors = [addCreditor(db, 'A Bank'), addCreditor(db, 'B Telecom')];
					const claimIds = Array.from({ length: 6 }, (_, i) => {
						const charges = { principal: 100_000_000, fee: 1_000_000 };
						const currency = i < 4 ? 'HUF' : 'EUR';
						return placeClaim(db, creditors[i % 2], `P${i}`, `R-${i}`, currency, charges).claimId;
					});
					rates.forEach((bp, i) =>
						term(db, creditors[0], bp, `2026-10-${String(1 + i * 9).padStart(2, '0')}`)
					);
					for (const e of events) {
						const claimId = claimIds[e.claim];
						const paymentId = writeTx(db, () =>
							pay(db, claimId, e.date, { principal: e.principal, fee: e.fee })
						);
						const back = Math.floor((e.principal * e.refund) / 100);
						if (back > 0) refund(db, claimId, paymentId, e.date, back);
					}
					const [from, to] = a <= b ? [a, b] : [b, a];
					for (const creditorId of creditors) {
						const r = remittanceFor(db, creditorUser(creditorId), creditorId, { from, to });
						const expected = ledgerMoney(db, creditorId, from, to);
						expect(
							r.statement.totals.map((t) => ({
								currency: t.currency,
								collected: t.collected,
								refunded: t.refunded,
								claims: t.claims
							}))
						).toEqual(expected);
						for (const x of [...r.statement.rows, ...r.statement.totals])
							expect(x.agencyFees + x.commission + x.net).toBe(x.collected - x.refunded);
						// only this creditor's claims
						const own = new Set(claimIds.filter((_, i) => creditors[i % 2] === creditorId));
						for (const row of r.statement.rows) expect(own.has(row.claimId)).toBe(true);
					}
				}
			),
			{ numRuns: 25 }
		);
	});

	it('takes the rate in force on the day the money came, the most specific one first', () => {
		const { db, creditorId, portfolioId, claimId } = bankWithOneClaim('R-1', {
			principal: 10_000_000
		});
		term(db, creditorId, 1000, '2026-01-01');
		term(db, creditorId, 2000, '2026-10-15');
		writeTx(db, () => pay(db, claimId, '2026-10-10', { principal: 100_000 }));
		writeTx(db, () => pay(db, claimId, '2026-10-20', { principal: 100_000 }));
		const october = { from: '2026-10-01', to: '2026-10-31' };
		const before = remittanceFor(db, ADMIN, creditorId, october).statement.totals[0];
		// 10 % of 1 000 Ft + 20 % of 1 000 Ft
		expect(before.commission).toBe(10_000 + 20_000);
		expect(before.net).toBe(200_000 - 30_000);
		// a portfolio rate from a later day leaves October as it was
		term(db, creditorId, 500, '2026-11-01', { portfolioId });
		expect(remittanceFor(db, ADMIN, creditorId, october).statement.totals[0]).toEqual(before);
		// and beats the creditor-wide rate from its day on
		writeTx(db, () => pay(db, claimId, '2026-11-03', { principal: 100_000 }));
		const nov = remittanceFor(db, ADMIN, creditorId, { from: '2026-11-01', to: '2026-11-30' });
		expect(nov.statement.totals[0].commission).toBe(5_000);
	});

	it("is not reachable for another creditor's users or for operators", () => {
		const { db } = testDb('2026-11-02');
		const a = addCreditor(db, 'A Bank');
		const b = addCreditor(db, 'B Telecom');
		const p = { from: '2026-10-01', to: '2026-10-31' };
		expect(() => remittanceFor(db, creditorUser(b), a, p)).toThrow(NotFoundError);
		expect(() => remittanceFor(db, { kind: 'operator', userId: 3 }, a, p)).toThrow(NotFoundError);
		expect(() => commissionTermsFor(db, creditorUser(b), a)).toThrow(NotFoundError);
		expect(() =>
			addCommissionTerm(db, creditorUser(a), {
				creditorId: a,
				portfolioId: null,
				stage: null,
				rateBp: 0,
				validFrom: '2026-10-01'
			})
		).toThrow();
		expect(remittanceFor(db, creditorUser(a), a, p).statement.rows).toEqual([]);
	});

	it('refuses a rate outside 0–100 %, another creditor’s portfolio and a bad period', () => {
		const { db } = testDb('2026-11-02');
		const a = addCreditor(db, 'A Bank');
		const b = addCreditor(db, 'B Telecom');
		const foreign = addPortfolio(db, b, 'Other', '2026-09-01');
		try {
			addCommissionTerm(db, ADMIN, {
				creditorId: a,
				portfolioId: foreign,
				stage: null,
				rateBp: 10_001,
				validFrom: '2026-13-01'
			});
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationError);
			expect(Object.keys((e as ValidationError).fields).sort()).toEqual([
				'portfolioId',
				'rate',
				'validFrom'
			]);
		}
		expect(() => remittanceFor(db, ADMIN, a, { from: '2026-10-31', to: '2026-10-01' })).toThrow(
			ValidationError
		);
	});

	it('gives a CSV for Hungarian Excel and a PDF', async () => {
		const { db, creditorId, claimId } = bankWithOneClaim('R-77', { principal: 10_000_000 });
		term(db, creditorId, 1250, '2026-01-01');
		writeTx(db, () => pay(db, claimId, '2026-10-10', { principal: 123_450 }));
		const r = remittanceFor(db, ADMIN, creditorId, { from: '2026-10-01', to: '2026-10-31' });
		const excel = remittanceCsv(r, 'hu', true).text;
		expect(excel.startsWith('\uFEFF')).toBe(true);
		const [head, line] = excel.slice(1).split('\r\n');
		expect(head.split(';')).toContain('Megbízási díj');
		// 1 234,50 Ft collected, 12.5 % commission = 154,31 Ft, in whole forints 154 Ft (half up:
		// what is remitted goes by a forint transfer, which carries no fillér)
		expect(line.split(';')).toEqual([
			'R-77',
			'HUF',
			'1234,50',
			'0,00',
			'0,00',
			'154,00',
			'1080,50',
			'0,00'
		]);
		const plain = remittanceCsv(r, 'en', false).text;
		expect(plain.split('\r\n')[1]).toBe('R-77,HUF,1234.50,0.00,0.00,154.00,1080.50,0.00');
		const pdf = await remittancePdf(r, 'hu');
		expect(Buffer.from(pdf.bytes.slice(0, 5)).toString()).toBe('%PDF-');
	});

	it("names the kept column with the claim page's own component word, never the costs' (walkthrough item 6)", () => {
		for (const lang of ['hu', 'en'] as const) {
			const col = translate(lang, 'remittance.col.agencyFees');
			// the agency keeps the stage fees (component 'fee'): "Díjak" on the claim page
			expect(col.startsWith(translate(lang, 'creditor.claim.fee') + ' (')).toBe(true);
			expect(col.toLocaleLowerCase(lang)).not.toContain(
				translate(lang, 'creditor.claim.cost').toLocaleLowerCase(lang).slice(0, 6)
			);
		}
	});

	it.skipIf(noPdftotext)(
		"the PDF's per-claim table has the collection fees column, so each line adds up",
		async () => {
			const { db, creditorId, claimId } = bankWithOneClaim('R-FEE-1', { principal: 1_510_000 });
			// the agency's own stage fee, as the engine charges it (services/engine.ts)
			writeTx(db, () =>
				postEntries(db, claimId, [
					{
						component: 'fee',
						kind: 'charge',
						amountMinor: 490_000,
						effectiveDate: '2026-10-01',
						memo: AGENCY_FEE_MEMO
					}
				])
			);
			writeTx(db, () => pay(db, claimId, '2026-10-10', { principal: 1_510_000, fee: 490_000 }));
			const r = remittanceFor(db, ADMIN, creditorId, { from: '2026-10-01', to: '2026-10-31' });
			for (const [lang, heading] of [
				['hu', 'Díjak (az irodánál maradnak)'],
				['en', 'Fees (kept by the agency)']
			] as const) {
				const pdf = await remittancePdf(r, lang);
				// the text as a reader sees it (poppler's pdftotext), spaces of every kind as one
				const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf.bytes })
					.toString('utf8')
					.replace(/\s+/g, ' ');
				// the table's heading: after the totals (whose last line is "to remit 15 100"), before the claim
				const net = formatMoney(1_510_000, 'HUF', lang).replace(/\s+/g, ' ');
				expect(text).toContain(net);
				const tableHead = text.slice(text.indexOf(net) + net.length, text.indexOf('R-FEE-1'));
				for (const word of heading.split(' ')) expect(tableHead).toContain(word);
				// collected 20 000, refunded 0, fees 4 900, commission 0, to remit 15 100, paid directly 0
				const line = text.slice(text.indexOf('R-FEE-1') + 'R-FEE-1'.length);
				const amounts = line
					.split(/Ft|HUF/)
					.map((a) => a.replace(/\D/g, ''))
					.filter(Boolean);
				expect(amounts).toEqual(['20000', '0', '4900', '0', '15100', '0']);
			}
		}
	);
});
