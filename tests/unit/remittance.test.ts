import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	AGENCY_FEE_MEMO,
	agencyFeeShares,
	bpToPercent,
	commissionOf,
	percentToBp,
	rateFor,
	remittanceStatement,
	type FeeLine,
	type MoneyLine
} from '$lib/domain/remittance';

/** 100 000 Ft paid on 10 March while the claim was at the friendly reminder. */
const line = (m: Partial<MoneyLine>): MoneyLine => ({
	claimId: 1,
	reference: 'R-1',
	currency: 'HUF',
	portfolioId: 1,
	effectiveDate: '2026-03-10',
	paidOn: '2026-03-10',
	stage: 'friendly_reminder',
	component: 'principal',
	kind: 'payment',
	amountMinor: -10_000_000,
	direct: false,
	agencyMinor: 0,
	...m
});

describe('commission arithmetic', () => {
	it('reads per cents typed with a comma or a point, up to two decimals, 0–100', () => {
		expect(percentToBp('15')).toBe(1500);
		expect(percentToBp('12,5')).toBe(1250);
		expect(percentToBp('12.75')).toBe(1275);
		expect(percentToBp('100')).toBe(10_000);
		for (const bad of ['100.01', '-1', '1.234', 'abc', '', '1e2'])
			expect(percentToBp(bad)).toBeNull();
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => percentToBp(bpToPercent(bp)) === bp)
		);
	});
	it('rounds half away from zero in integers, so a refund gives back what its payment carried', () => {
		expect(commissionOf(123_450, 1250)).toBe(15_431);
		expect(commissionOf(-123_450, 1250)).toBe(-15_431);
		// in whole forints (100 fillér): 154,31 Ft is 154 Ft, 154,50 Ft is 155 Ft
		expect(commissionOf(123_450, 1250, 100)).toBe(15_400);
		expect(commissionOf(123_600, 1250, 100)).toBe(15_500);
		expect(commissionOf(-123_600, 1250, 100)).toBe(-15_500);
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 1e12 }),
				fc.integer({ min: 0, max: 10_000 }),
				(a, bp) => {
					const c = commissionOf(a, bp);
					return Number.isSafeInteger(c) && c <= a && c === -commissionOf(-a, bp);
				}
			)
		);
	});
	it('picks the most specific term in force that day', () => {
		const terms = [
			{ portfolioId: null, stage: null, rateBp: 1000, validFrom: '2026-01-01' },
			{ portfolioId: null, stage: 'legal' as const, rateBp: 2500, validFrom: '2026-01-01' },
			{ portfolioId: 7, stage: null, rateBp: 800, validFrom: '2026-06-01' }
		];
		const line = { portfolioId: 7, stage: 'legal' as const, effectiveDate: '2026-05-31' };
		expect(rateFor(terms, line)).toBe(2500);
		expect(rateFor(terms, { ...line, effectiveDate: '2026-06-01' })).toBe(800);
		expect(rateFor(terms, { ...line, stage: 'firm_reminder', portfolioId: 3 })).toBe(1000);
		expect(rateFor(terms, { ...line, effectiveDate: '2025-12-31' })).toBe(0);
	});
	it("gives back a refund's commission at its payment's day and stage, not the refund's", () => {
		const terms = [
			{ portfolioId: null, stage: null, rateBp: 1000, validFrom: '2026-01-01' },
			{ portfolioId: null, stage: 'formal_notice' as const, rateBp: 2000, validFrom: '2026-01-01' },
			{ portfolioId: null, stage: null, rateBp: 3000, validFrom: '2026-04-01' }
		];
		const march = remittanceStatement([line({})], terms).rows[0];
		// April: a new rate is in force, the claim is at formal notice, and the March payment is
		// refunded; the line keeps its payment's day and stage
		const april = remittanceStatement(
			[line({ kind: 'refund', amountMinor: 10_000_000, effectiveDate: '2026-04-20' })],
			terms
		).rows[0];
		expect(march.commission).toBe(1_000_000);
		expect(april.commission).toBe(-1_000_000);
		expect(march.net + april.net).toBe(0);
	});
});

type GivenFee = Partial<FeeLine> & Pick<FeeLine, 'kind' | 'amountMinor'>;
/** A claim's fee lines, numbered in ledger order. */
const fees = (...lines: GivenFee[]): FeeLine[] =>
	lines.map((l, i) => ({ id: i + 1, memo: '', paymentId: null, reversesId: null, ...l }));
const placed = (amountMinor: number) => ({
	kind: 'charge' as const,
	amountMinor,
	memo: 'placement'
});
const stageFee = (amountMinor: number) => ({
	kind: 'charge' as const,
	amountMinor,
	memo: AGENCY_FEE_MEMO
});
const paid = (paymentId: number, amountMinor: number) => ({
	kind: 'payment' as const,
	amountMinor: -amountMinor,
	paymentId
});

describe("whose fee a payment paid: the agency's own stage fees or the creditor's", () => {
	it('pays the fees in the order charged: the placed fee before the stage fee', () => {
		const shares = agencyFeeShares(fees(placed(2000), stageFee(500), paid(1, 1500), paid(2, 1000)));
		expect([shares.get(3), shares.get(4)]).toEqual([0, -500]);
	});

	it("counts the C14 lump sum and any fee the engine did not charge as the creditor's", () => {
		const lump = { kind: 'charge' as const, amountMinor: 1600, memo: 'c14_lump_sum' };
		expect(agencyFeeShares(fees(lump, placed(100), paid(1, 1700))).get(3)).toBe(0);
	});

	it('a refund puts back what its payment took, newest first; a failed refund takes it again', () => {
		const shares = agencyFeeShares(
			fees(
				placed(1000),
				stageFee(500),
				paid(1, 1500),
				{ kind: 'refund', amountMinor: 700, paymentId: 1 },
				{ kind: 'refund', amountMinor: -700, paymentId: 1, reversesId: 4 },
				{ kind: 'refund', amountMinor: 1500, paymentId: 1 }
			)
		);
		expect([...shares.values()]).toEqual([-500, 500, -500, 500]);
	});

	it('a settlement discount or a write-off takes the newest fee first, the agency’s own', () => {
		const shares = agencyFeeShares(
			fees(
				placed(2000),
				stageFee(500),
				{ kind: 'write_off', amountMinor: -300 },
				{ kind: 'settlement_discount', amountMinor: -200, paymentId: 1 },
				paid(1, 2000),
				// the payment refunded: its discount is owed again, and paid with the rest later
				{ kind: 'refund', amountMinor: 2000, paymentId: 1 },
				{ kind: 'settlement_discount', amountMinor: 200, paymentId: 1 },
				paid(2, 2200)
			)
		);
		expect([shares.get(5), shares.get(6), shares.get(8)]).toEqual([0, 0, -200]);
	});

	it('never gives the agency more than its fees, nor a line more than the line', () => {
		const step = fc.oneof(
			fc.record({
				t: fc.constantFrom('placed', 'stage'),
				amount: fc.integer({ min: 1, max: 5000 })
			}),
			fc.record({ t: fc.constant('pay'), amount: fc.integer({ min: 1, max: 5000 }) }),
			fc.record({ t: fc.constant('refund'), amount: fc.integer({ min: 1, max: 5000 }) })
		);
		fc.assert(
			fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
				let open = 0;
				let agencyCharged = 0;
				let paymentId = 0;
				let unrefunded = 0;
				const given: GivenFee[] = [];
				for (const s of steps) {
					if (s.t === 'placed' || s.t === 'stage') {
						given.push(s.t === 'stage' ? stageFee(s.amount) : placed(s.amount));
						open += s.amount;
						if (s.t === 'stage') agencyCharged += s.amount;
					} else if (s.t === 'pay' && open > 0) {
						const a = Math.min(s.amount, open);
						given.push(paid(++paymentId, a));
						open -= a;
						unrefunded = a;
					} else if (s.t === 'refund' && unrefunded > 0) {
						const a = Math.min(s.amount, unrefunded);
						given.push({ kind: 'refund', amountMinor: a, paymentId });
						open += a;
						unrefunded -= a;
					}
				}
				const lines = fees(...given);
				const shares = agencyFeeShares(lines);
				let agencyPaid = 0;
				lines.forEach((l) => {
					if (l.paymentId == null) return;
					const share = shares.get(l.id)!;
					expect(Math.abs(share)).toBeLessThanOrEqual(Math.abs(l.amountMinor));
					expect(share * l.amountMinor).toBeGreaterThanOrEqual(0);
					agencyPaid -= share;
				});
				expect(agencyPaid).toBeGreaterThanOrEqual(0);
				expect(agencyPaid).toBeLessThanOrEqual(agencyCharged);
				// all paid: the agency has had exactly its own fees
				if (open === 0) expect(agencyPaid).toBe(agencyCharged);
			})
		);
	});
});
