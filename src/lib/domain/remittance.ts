/**
 * The monthly remittance statement (issue 20, item 5): what the agency collected for a creditor
 * in a period, what it gave back, its commission by the creditor's contract terms, and the net to
 * remit. Computed from the ledger lines of the period every time it is asked for, never from
 * stored totals, so a statement for a past period reads the same today as on the day it was first
 * made (the ledger is append-only and commission terms are dated rows that are never changed).
 *
 * What counts: ledger lines that move money, i.e. those tied to a payment (payments, refunds and
 * reversals of either). Write-offs and charges move no money. A payment the debtor made straight to
 * the creditor (reported by the creditor, recall.ts) never passed through the agency: it is shown
 * in a column of its own and is in no other (not collected, no commission, nothing to remit); a
 * contract that gave the agency commission on such payments would be a new term, not this rule.
 *
 * Whose a fee is: the agency's own fees are the stage fees its collection engine charges (memo
 * 'stage_fee', services/engine.ts): kept by the agency in full, outside the commission base. Every
 * other fee is the creditor's and is remitted like the rest of the claim, less commission: the
 * fees placed with the claim (memo 'placement') and the C14 EUR 40 lump sum (memo 'c14_lump_sum'),
 * which Act IX of 2016 gives to the creditor as compensation for its recovery costs (the agency
 * claims it in the creditor's name; a contract assigning it to the agency would be a new term).
 */
import type { Currency } from './money';
import type { Component, LedgerKind } from './ledger';
import type { Stage } from './stages';
import { unitOf } from './schedule';

export interface CommissionTerm {
	/** null: every portfolio of the creditor */
	portfolioId: number | null;
	/** null: every stage */
	stage: Stage | null;
	/** basis points: 1500 = 15 % */
	rateBp: number;
	/** 'YYYY-MM-DD': applies to money collected on or after this day */
	validFrom: string;
}

export interface MoneyLine {
	claimId: number;
	reference: string;
	currency: Currency;
	portfolioId: number;
	/** the day the money moved */
	effectiveDate: string;
	/**
	 * the day of the payment the line belongs to: a refund or a reversal gives back the commission
	 * its payment carried, at the rate of that payment's day and stage, whatever came since
	 */
	paidOn: string;
	/** the claim's stage on `paidOn` (null before any stage) */
	stage: Stage | null;
	component: Component;
	kind: LedgerKind;
	amountMinor: number;
	/** the debtor paid the creditor directly (payment gateway 'direct'): not the agency's cash */
	direct: boolean;
	/** the agency's own fees within `amountMinor`, same sign (`agencyFeeShares`; 0 off fee lines) */
	agencyMinor: number;
}

export interface StatementRow {
	claimId: number;
	reference: string;
	currency: Currency;
	/** money received (payments net of reversed payments), positive */
	collected: number;
	/** money given back, positive */
	refunded: number;
	/** the agency's own stage fees collected, kept by it (inside `collected` − `refunded`) */
	agencyFees: number;
	commission: number;
	/** collected − refunded − agency fees − commission */
	net: number;
	/** paid by the debtor straight to the creditor (net of any given back): outside every other sum */
	direct: number;
}

/** The statement's amounts, in the order every view of it (page, PDF, CSV) shows them. */
export const STATEMENT_AMOUNTS = [
	'collected',
	'refunded',
	'agencyFees',
	'commission',
	'net',
	'direct'
] as const;

export type StatementTotals = Omit<StatementRow, 'claimId' | 'reference'> & { claims: number };

export interface RemittanceStatement {
	rows: StatementRow[];
	/** per currency, never summed across currencies */
	totals: StatementTotals[];
}

/** How specific a term is: portfolio and stage beat portfolio, which beats stage, then default. */
const specificity = (t: CommissionTerm) => (t.portfolioId != null ? 2 : 0) + (t.stage ? 1 : 0);

/** The rate (basis points) for money moved on a claim: the most specific term in force that day. */
export function rateFor(
	terms: readonly CommissionTerm[],
	line: Pick<MoneyLine, 'portfolioId' | 'stage' | 'effectiveDate'>
): number {
	let best: CommissionTerm | null = null;
	for (const t of terms) {
		if (t.validFrom > line.effectiveDate) continue;
		if (t.portfolioId != null && t.portfolioId !== line.portfolioId) continue;
		if (t.stage && t.stage !== line.stage) continue;
		if (
			!best ||
			specificity(t) > specificity(best) ||
			(specificity(t) === specificity(best) && t.validFrom > best.validFrom)
		)
			best = t;
	}
	return best?.rateBp ?? 0;
}

/**
 * amount × bp / 10 000, rounded half away from zero to a whole `unit` (100 for forints: a forint
 * transfer carries no fillér, so neither does what is remitted), in integers only.
 */
export function commissionOf(amountMinor: number, rateBp: number, unit = 1): number {
	const sign = amountMinor < 0 ? -1 : 1;
	const a = Math.abs(amountMinor) * rateBp;
	return sign * Math.floor((a + 5000 * unit) / (10000 * unit)) * unit;
}

/** The memo the engine gives the stage fees it charges: the only fees that are the agency's. */
export const AGENCY_FEE_MEMO = 'stage_fee';

/** One of a claim's ledger lines on the fee component. */
export interface FeeLine {
	id: number;
	kind: LedgerKind;
	amountMinor: number;
	memo: string;
	paymentId: number | null;
	reversesId: number | null;
}

/** A change to one fee charge's open amount (negative: taken off it). */
interface Move {
	charge: number;
	delta: number;
}

/**
 * The agency's part of each of a claim's fee lines (same sign as the line), from all its fee lines
 * in ledger order. The ledger says whose each fee charge is, not which charge a payment paid, so
 * the rule is: a payment pays the fees in the order they were charged (Civil Code 6:46: the debt
 * due first is paid first), the creditor's placed fees before any stage fee; write-offs and
 * settlement discounts take the newest fee first, so the agency gives up its own fees before the
 * creditor's; a refund or reversal puts back what its payment took, newest first (an undone
 * settlement discount what the discount took); a line that reverses another undoes exactly what
 * that one did.
 */
export function agencyFeeShares(lines: readonly FeeLine[]): Map<number, number> {
	const charges: { agency: boolean; open: number; amount: number }[] = [];
	const chargeIndex = new Map<number, number>();
	const moves = new Map<number, Move[]>();
	/** per payment, what it has taken off each charge (net of what was given back) */
	const taken = new Map<string, Map<number, number>>();
	const shares = new Map<number, number>();
	for (const l of lines) {
		if (l.kind === 'charge' && l.amountMinor > 0) {
			chargeIndex.set(l.id, charges.length);
			charges.push({
				agency: l.memo === AGENCY_FEE_MEMO,
				open: l.amountMinor,
				amount: l.amountMinor
			});
			continue;
		}
		// a payment's money lines and its settlement discount each keep their own account
		const key =
			l.paymentId == null
				? null
				: `${l.kind === 'settlement_discount' ? 'discount' : 'money'}:${l.paymentId}`;
		const byPayment = key == null ? null : (taken.get(key) ?? new Map<number, number>());
		const done: Move[] = [];
		const move = (charge: number, delta: number) => {
			charges[charge].open += delta;
			byPayment?.set(charge, (byPayment.get(charge) ?? 0) - delta);
			done.push({ charge, delta });
		};
		/** moves up to `amount` (sign: `dir`) along `order`, each charge within `room(i)` */
		const spread = (amount: number, dir: 1 | -1, order: number[], room: (i: number) => number) => {
			for (const i of order) {
				const d = Math.min(amount, room(i));
				if (d > 0) move(i, dir * d);
				amount -= Math.max(d, 0);
			}
		};
		const oldest = charges.map((_, i) => i);
		const newest = [...oldest].reverse();
		const undone = l.reversesId == null ? undefined : moves.get(l.reversesId);
		const reversedCharge = l.reversesId == null ? undefined : chargeIndex.get(l.reversesId);
		if (undone) for (const m of [...undone].reverse()) move(m.charge, -m.delta);
		else if (l.amountMinor < 0) {
			const order = l.kind === 'payment' ? oldest : newest;
			const first = reversedCharge == null ? order : [reversedCharge, ...order];
			spread(-l.amountMinor, -1, first, (i) => charges[i].open);
		} else if (byPayment) spread(l.amountMinor, 1, newest, (i) => byPayment.get(i) ?? 0);
		else spread(l.amountMinor, 1, newest, (i) => charges[i].amount - charges[i].open);
		moves.set(l.id, done);
		if (key != null) taken.set(key, byPayment!);
		if (l.paymentId != null)
			shares.set(
				l.id,
				done.reduce((a, m) => a + (charges[m.charge].agency ? m.delta : 0), 0)
			);
	}
	return shares;
}

/**
 * Money in and out of the agency's account for one line. Payments are negative ledger lines; a
 * reversal of a payment (money taken back) is positive; a refund is positive, and a refund that
 * failed is booked as a negative refund line.
 */
function cashOf(l: MoneyLine): { collected: number; refunded: number } {
	if (l.kind === 'payment' || l.kind === 'reversal')
		return { collected: -l.amountMinor, refunded: 0 };
	if (l.kind === 'refund') return { collected: 0, refunded: l.amountMinor };
	return { collected: 0, refunded: 0 };
}

type Amounts = Record<(typeof STATEMENT_AMOUNTS)[number], number>;
const noAmounts = (): Amounts =>
	Object.fromEntries(STATEMENT_AMOUNTS.map((a) => [a, 0])) as Amounts;

/**
 * The statement of one creditor's money lines. Commission is worked out per claim and rate on the
 * money net of refunds (a refund gives back the commission it carried), rounded once per group.
 */
export function remittanceStatement(
	lines: readonly MoneyLine[],
	terms: readonly CommissionTerm[]
): RemittanceStatement {
	const byClaim = new Map<number, StatementRow & { base: Map<number, number> }>();
	for (const l of lines) {
		if (l.kind !== 'payment' && l.kind !== 'refund' && l.kind !== 'reversal') continue;
		let r = byClaim.get(l.claimId);
		if (!r) {
			r = {
				claimId: l.claimId,
				reference: l.reference,
				currency: l.currency,
				...noAmounts(),
				base: new Map()
			};
			byClaim.set(l.claimId, r);
		}
		if (l.direct) {
			r.direct -= l.amountMinor;
			continue;
		}
		const cash = cashOf(l);
		r.collected += cash.collected;
		r.refunded += cash.refunded;
		r.agencyFees -= l.agencyMinor;
		const base = cash.collected - cash.refunded + l.agencyMinor;
		if (base) {
			const bp = rateFor(terms, { ...l, effectiveDate: l.paidOn });
			r.base.set(bp, (r.base.get(bp) ?? 0) + base);
		}
	}
	const rows: StatementRow[] = [];
	for (const { base, ...r } of [...byClaim.values()].sort((a, b) =>
		a.reference < b.reference ? -1 : a.reference > b.reference ? 1 : a.claimId - b.claimId
	)) {
		for (const [bp, amount] of base) r.commission += commissionOf(amount, bp, unitOf(r.currency));
		r.net = r.collected - r.refunded - r.agencyFees - r.commission;
		rows.push(r);
	}
	const totals = new Map<Currency, StatementTotals>();
	for (const r of rows) {
		const t = totals.get(r.currency) ?? { currency: r.currency, claims: 0, ...noAmounts() };
		t.claims++;
		for (const a of STATEMENT_AMOUNTS) t[a] += r[a];
		totals.set(r.currency, t);
	}
	return { rows, totals: [...totals.values()].sort((a, b) => (a.currency < b.currency ? -1 : 1)) };
}

/** "15", "12,5" or "12.75" (per cent) as basis points, by string arithmetic; null when not 0–100. */
export function percentToBp(text: string): number | null {
	const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
	if (!m) return null;
	const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
	return bp <= 10_000 ? bp : null;
}

/** Basis points as the per cent a person reads: 1250 → "12.5". */
export function bpToPercent(bp: number): string {
	const whole = Math.floor(bp / 100);
	const frac = String(bp % 100)
		.padStart(2, '0')
		.replace(/0+$/, '');
	return frac ? `${whole}.${frac}` : String(whole);
}
