/**
 * Settlement offers (issue 19 item 6): a creditor may let a debtor settle the whole balance at once
 * for less, by a date. The creditor's rule (CreditorRules.settlement) gives the largest discount
 * in basis points by balance band and by stage, and a principal floor: the discount never takes
 * principal below it. The discount is written off costs, fees and interest first, then principal
 * down to the floor; the amount to pay is whole forints for HUF (rounded up, so the discount only
 * shrinks). Pure.
 */
import type { Balances, Component } from './ledger';
import { totalOf, zeroBalances } from './ledger';
import type { Currency } from './money';
import type { Stage } from './stages';
import { STAGES } from './stages';
import { addDays } from './clock';

export interface SettlementBand {
	/** balances up to and including this (minor units); null = no upper limit (the last band) */
	upToMinor: number | null;
	/** the largest discount in this band, basis points (10% = 1000) */
	maxBp: number;
}

export interface SettlementRules {
	enabled: boolean;
	/** the offer stands for this many days from the day the claim entered its stage */
	deadlineDays: number;
	/** principal is never discounted below this (minor units) */
	principalFloorMinor: number;
	bands: SettlementBand[];
	/** the largest discount in each stage, basis points (0: no offer in that stage) */
	stageMaxBp: Record<Stage, number>;
}

export const SETTLEMENT_LIMITS = { maxBands: 6, maxBp: 5000, maxDeadlineDays: 90 } as const;

export function defaultSettlementRules(): SettlementRules {
	return {
		enabled: false,
		deadlineDays: 14,
		principalFloorMinor: 0,
		bands: [
			{ upToMinor: 10_000_000, maxBp: 500 },
			{ upToMinor: null, maxBp: 1000 }
		],
		stageMaxBp: {
			new: 0,
			friendly_reminder: 500,
			firm_reminder: 1000,
			formal_notice: 1500,
			legal: 2000
		}
	};
}

/** The order the discount is written off in: charges other than principal first. */
export const DISCOUNT_ORDER: readonly Component[] = ['cost', 'fee', 'interest', 'principal'];

export interface SettlementOffer {
	/** the balance the offer is for */
	totalMinor: number;
	/** what the debtor pays (whole forints for HUF) */
	payMinor: number;
	/** what is written off: totalMinor - payMinor */
	discountMinor: number;
	/** the discount by component (sums to discountMinor) */
	parts: Balances;
	/** the largest discount that applied, basis points */
	maxBp: number;
	/** the last day to pay (YYYY-MM-DD) */
	deadline: string;
}

export interface OfferFacts {
	open: Balances;
	stage: Stage;
	currency: Currency;
	/** YYYY-MM-DD the claim entered its stage */
	stageSince: string;
}

/** The largest discount for this balance and stage, basis points. */
export function maxDiscountBp(r: SettlementRules, totalMinor: number, stage: Stage): number {
	const band =
		r.bands.find((b) => b.upToMinor === null || totalMinor <= b.upToMinor) ??
		r.bands[r.bands.length - 1];
	return Math.max(0, Math.min(band?.maxBp ?? 0, r.stageMaxBp[stage] ?? 0));
}

/**
 * The offer the rule makes for these facts on `today`, or null (the rule is off, nothing or no
 * discount is due, the stage has none, the deadline passed).
 */
export function settlementOffer(
	r: SettlementRules | undefined,
	f: OfferFacts,
	today: string
): SettlementOffer | null {
	if (!r?.enabled) return null;
	const deadline = addDays(f.stageSince, r.deadlineDays);
	if (today > deadline) return null;
	const open: Balances = {
		principal: Math.max(0, f.open.principal),
		interest: Math.max(0, f.open.interest),
		fee: Math.max(0, f.open.fee),
		cost: Math.max(0, f.open.cost)
	};
	const total = totalOf(open);
	if (total <= 0) return null;
	const maxBp = maxDiscountBp(r, total, f.stage);
	if (maxBp <= 0) return null;
	// the largest discount: the share of the balance, and no principal below the floor
	const byShare = Math.floor((total * maxBp) / 10_000);
	const room: Balances = {
		...open,
		principal: Math.max(0, open.principal - r.principalFloorMinor)
	};
	const wanted = Math.min(byShare, totalOf(room));
	// HUF is paid in whole forints: the amount to pay rounds up, the discount gives way
	const rawPay = total - wanted;
	const pay = f.currency === 'HUF' ? Math.ceil(rawPay / 100) * 100 : rawPay;
	const discount = total - pay;
	if (discount <= 0) return null;
	const parts = zeroBalances();
	let left = discount;
	for (const c of DISCOUNT_ORDER) {
		const take = Math.min(left, room[c]);
		parts[c] = take;
		left -= take;
	}
	return { totalMinor: total, payMinor: pay, discountMinor: discount, parts, maxBp, deadline };
}

/** Checks a settlement rule a creditor wants to save; paths match the editor's inputs. */
export function validateSettlement(
	r: SettlementRules
): Record<string, { key: string; params?: Record<string, string | number> }> {
	const e: Record<string, { key: string; params?: Record<string, string | number> }> = {};
	const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);
	const bp = (path: string, v: unknown) => {
		if (!isInt(v) || v < 0 || v > SETTLEMENT_LIMITS.maxBp)
			e[path] = {
				key: 'rules.error.range',
				params: { min: 0, max: SETTLEMENT_LIMITS.maxBp / 100 }
			};
	};
	if (typeof r.enabled !== 'boolean') e['settlement.enabled'] = { key: 'form.invalid' };
	if (
		!isInt(r.deadlineDays) ||
		r.deadlineDays < 1 ||
		r.deadlineDays > SETTLEMENT_LIMITS.maxDeadlineDays
	)
		e['settlement.deadlineDays'] = {
			key: 'rules.error.range',
			params: { min: 1, max: SETTLEMENT_LIMITS.maxDeadlineDays }
		};
	if (!isInt(r.principalFloorMinor) || r.principalFloorMinor < 0)
		e['settlement.principalFloorMinor'] = { key: 'rules.error.amount' };
	if (!Array.isArray(r.bands) || r.bands.length < 1 || r.bands.length > SETTLEMENT_LIMITS.maxBands)
		e['settlement.bands'] = {
			key: 'rules.error.bandCount',
			params: { max: SETTLEMENT_LIMITS.maxBands }
		};
	else {
		let prev = -1;
		r.bands.forEach((b, i) => {
			const last = i === r.bands.length - 1;
			if (last && b.upToMinor !== null)
				e[`settlement.bands.${i}.upToMinor`] = { key: 'rules.error.lastBandOpen' };
			if (!last) {
				if (!isInt(b.upToMinor) || b.upToMinor <= 0)
					e[`settlement.bands.${i}.upToMinor`] = { key: 'rules.error.amount' };
				else if (b.upToMinor <= prev)
					e[`settlement.bands.${i}.upToMinor`] = { key: 'rules.error.bandOrder' };
				else prev = b.upToMinor;
			}
			bp(`settlement.bands.${i}.maxBp`, b.maxBp);
		});
	}
	for (const s of STAGES) bp(`settlement.stageMaxBp.${s}`, r.stageMaxBp?.[s]);
	return e;
}
