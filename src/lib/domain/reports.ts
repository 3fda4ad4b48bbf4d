/**
 * Report math shared by the creditor dashboard, its CSV downloads and the benchmarks (DESIGN
 * "Reports"). Pure: rows in, figures out. Amounts stay integer minor units per currency; HUF and
 * EUR are never added together.
 */
import type { Currency } from './money';
import { daysBetween } from './clock';

export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '91-180', '180+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

/** Days past the original due date -> bucket. Not yet due counts as 0-30. */
export function agingBucket(daysPastDue: number): AgingBucket {
	if (daysPastDue <= 30) return '0-30';
	if (daysPastDue <= 60) return '31-60';
	if (daysPastDue <= 90) return '61-90';
	if (daysPastDue <= 180) return '91-180';
	return '180+';
}

export function bucketOfDueDate(dueDate: string, today: string): AgingBucket {
	return agingBucket(daysBetween(dueDate, today));
}

/** 'YYYY-MM' of a date or month string. */
export const monthOf = (date: string) => date.slice(0, 7);

/** Whole months from month a to month b ('YYYY-MM'). */
export function monthsBetween(a: string, b: string): number {
	const [y1, m1] = a.split('-').map(Number);
	const [y2, m2] = b.split('-').map(Number);
	return (y2 - y1) * 12 + (m2 - m1);
}

export function addMonth(month: string, n: number): string {
	const [y, m] = month.split('-').map(Number);
	const idx = y * 12 + (m - 1) + n;
	return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** collected / placed, or null when nothing was placed. A ratio for display, never stored as money. */
export function rate(part: number, whole: number): number | null {
	return whole > 0 ? part / whole : null;
}

/** A table cell: text, a count, money in one currency, or a ratio (0..1, shown as %). */
export type Cell = string | number | null | { m: number; c: Currency } | { p: number | null };

/** Percentage with one decimal, e.g. 0.12345 -> 12.3 (for tables and CSV). */
export function pct1(r: number | null): number | null {
	return r == null ? null : Math.round(r * 1000) / 10;
}

export interface CurrencyHeadline {
	currency: Currency;
	claims: number;
	placedMinor: number;
	collectedMinor: number;
	openMinor: number;
	recoveryRate: number | null;
}

export interface Headline {
	currencies: CurrencyHeadline[];
	activePlans: number;
}

export interface CollectedMonth {
	currency: Currency;
	month: string;
	collectedMinor: number;
}

export interface CohortCurve {
	currency: Currency;
	/** placement month 'YYYY-MM' */
	cohort: string;
	placedMinor: number;
	/** index = months since placement (0 = the placement month); cumulative collected */
	cumulativeMinor: number[];
	/** cumulative collected / placed, same index */
	cumulativeRate: (number | null)[];
}

/**
 * Liquidation curves: per cohort and currency, collected by months since placement, accumulated,
 * from month 0 up to the current month.
 */
export function liquidationCurves(
	placed: { currency: Currency; cohort: string; placedMinor: number }[],
	collected: { currency: Currency; cohort: string; month: string; collectedMinor: number }[],
	currentMonth: string
): CohortCurve[] {
	const curves = new Map<string, CohortCurve>();
	const key = (c: string, k: string) => `${c}|${k}`;
	for (const p of [...placed].sort(
		(a, b) => a.currency.localeCompare(b.currency) || a.cohort.localeCompare(b.cohort)
	)) {
		const span = Math.max(0, monthsBetween(p.cohort, currentMonth)) + 1;
		const k = key(p.currency, p.cohort);
		const existing = curves.get(k);
		if (existing) {
			existing.placedMinor += p.placedMinor;
			continue;
		}
		curves.set(k, {
			currency: p.currency,
			cohort: p.cohort,
			placedMinor: p.placedMinor,
			cumulativeMinor: new Array(span).fill(0),
			cumulativeRate: []
		});
	}
	for (const c of collected) {
		const curve = curves.get(key(c.currency, c.cohort));
		if (!curve) continue;
		const idx = Math.max(0, monthsBetween(c.cohort, c.month));
		while (curve.cumulativeMinor.length <= idx) curve.cumulativeMinor.push(0);
		curve.cumulativeMinor[idx] += c.collectedMinor;
	}
	for (const curve of curves.values()) {
		let run = 0;
		curve.cumulativeMinor = curve.cumulativeMinor.map((v) => (run += v));
		curve.cumulativeRate = curve.cumulativeMinor.map((v) => rate(v, curve.placedMinor));
	}
	return [...curves.values()];
}

export const STAGE_OUTCOMES = [
	'paid',
	'in_plan',
	'disputed',
	'moved_on',
	'closed',
	'open'
] as const;
export type StageOutcome = (typeof STAGE_OUTCOMES)[number];

export interface StageOutcomeRow {
	stage: string;
	counts: Record<StageOutcome, number>;
	total: number;
}

const STAGE_ORDER = ['new', 'friendly_reminder', 'firm_reminder', 'formal_notice', 'legal'];

/** Rows of (stage, outcome, count) -> one row per stage reached, in process order. */
export function stageOutcomeTable(
	rows: { stage: string; outcome: string; events: number }[]
): StageOutcomeRow[] {
	const by = new Map<string, StageOutcomeRow>();
	for (const r of rows) {
		if (r.events === 0) continue;
		let row = by.get(r.stage);
		if (!row) {
			row = {
				stage: r.stage,
				counts: { paid: 0, in_plan: 0, disputed: 0, moved_on: 0, closed: 0, open: 0 },
				total: 0
			};
			by.set(r.stage, row);
		}
		const o = (STAGE_OUTCOMES as readonly string[]).includes(r.outcome)
			? (r.outcome as StageOutcome)
			: 'closed';
		row.counts[o] += r.events;
		row.total += r.events;
	}
	return [...by.values()].sort(
		(a, b) => STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage)
	);
}

export interface PlanPerformance {
	active: number;
	completed: number;
	broken: number;
	/** installments that fell due and were settled or missed (status paid, late or missed) */
	installmentsDue: number;
	paidOnTime: number;
	onTimeRate: number | null;
}

export function planPerformance(
	plans: { status: string; plans: number }[],
	installments: { status: string; onTime: number; installments: number }[]
): PlanPerformance {
	const count = (s: string) => plans.filter((p) => p.status === s).reduce((a, p) => a + p.plans, 0);
	let due = 0;
	let onTime = 0;
	for (const i of installments) {
		if (i.status === 'paid' || i.status === 'late' || i.status === 'missed') due += i.installments;
		if (i.onTime === 1) onTime += i.installments;
	}
	return {
		active: count('active'),
		completed: count('completed'),
		broken: count('broken'),
		installmentsDue: due,
		paidOnTime: onTime,
		onTimeRate: rate(onTime, due)
	};
}

export interface AgingRow {
	currency: Currency;
	bucket: AgingBucket;
	claims: number;
	openMinor: number;
}

/** Open balances by due date -> buckets, all five per currency present (zeros kept for the chart). */
export function agingTable(
	rows: { currency: Currency; dueDate: string; claims: number; openMinor: number }[],
	today: string
): AgingRow[] {
	const out = new Map<string, AgingRow>();
	const currencies = [...new Set(rows.filter((r) => r.claims > 0).map((r) => r.currency))].sort();
	for (const c of currencies)
		for (const b of AGING_BUCKETS)
			out.set(`${c}|${b}`, { currency: c, bucket: b, claims: 0, openMinor: 0 });
	for (const r of rows) {
		if (r.claims === 0) continue;
		const row = out.get(`${r.currency}|${bucketOfDueDate(r.dueDate, today)}`)!;
		row.claims += r.claims;
		row.openMinor += r.openMinor;
	}
	return [...out.values()];
}

export interface ChannelRow {
	channel: string;
	contacts: number;
	followed: number;
	followedRate: number | null;
}

const CHANNEL_ORDER = ['sms', 'email', 'letter', 'call', 'visit', 'portal'];

export function channelTable(
	rows: { channel: string; contacts: number; followed: number }[]
): ChannelRow[] {
	const by = new Map<string, ChannelRow>();
	for (const r of rows) {
		const row = by.get(r.channel) ?? {
			channel: r.channel,
			contacts: 0,
			followed: 0,
			followedRate: null
		};
		row.contacts += r.contacts;
		row.followed += r.followed;
		by.set(r.channel, row);
	}
	return [...by.values()]
		.filter((r) => r.contacts > 0)
		.map((r) => ({ ...r, followedRate: rate(r.followed, r.contacts) }))
		.sort((a, b) => CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel));
}

export const CLAIM_STATUS_ORDER = ['open', 'in_plan', 'disputed', 'paid', 'closed'] as const;

/** Claims and their current balance per currency and status (headline "in plan", "disputed"). */
export interface StatusBalance {
	currency: Currency;
	status: string;
	claims: number;
	balanceMinor: number;
}

/** Rows of (currency, status, claims, balance) -> one row per currency and status with claims, in order. */
export function statusBalances(
	rows: { currency: Currency; status: string; claims: number; balanceMinor: number }[]
): StatusBalance[] {
	const by = new Map<string, StatusBalance>();
	for (const r of rows) {
		if (r.claims === 0) continue;
		const k = `${r.currency}|${r.status}`;
		const row = by.get(k) ?? { currency: r.currency, status: r.status, claims: 0, balanceMinor: 0 };
		row.claims += r.claims;
		row.balanceMinor += r.balanceMinor;
		by.set(k, row);
	}
	const order = CLAIM_STATUS_ORDER as readonly string[];
	return [...by.values()].sort(
		(a, b) =>
			a.currency.localeCompare(b.currency) || order.indexOf(a.status) - order.indexOf(b.status)
	);
}

/**
 * One step of the stage funnel: the claims placed, then how many reached each reminder stage,
 * then how many ended paid, in a plan, disputed, or went to the legal stage. `share` is of placed.
 */
export interface FunnelStep {
	kind: 'placed' | 'stage' | 'outcome';
	/** 'placed', a stage code, or an outcome: 'paid' | 'in_plan' | 'disputed' | 'legal' */
	step: string;
	claims: number;
	share: number | null;
}

export const FUNNEL_OUTCOMES = ['paid', 'in_plan', 'disputed', 'legal'] as const;

/**
 * The funnel from placement through each stage to its ends, from the engine's stage rows (one per
 * claim and stage reached, counted by how it ended). A claim is paid, in a plan or disputed at most
 * once (the stage it was in when that happened), so summing an outcome over the stages counts
 * claims; "legal" is the claims that reached the legal stage.
 */
export function stageFunnel(placedClaims: number, stages: StageOutcomeRow[]): FunnelStep[] {
	const reached = (stage: string) => stages.find((s) => s.stage === stage)?.total ?? 0;
	const ended = (o: StageOutcome) => stages.reduce((a, s) => a + s.counts[o], 0);
	const step = (kind: FunnelStep['kind'], name: string, claims: number): FunnelStep => ({
		kind,
		step: name,
		claims,
		share: rate(claims, placedClaims)
	});
	return [
		step('placed', 'placed', placedClaims),
		...STAGE_ORDER.filter((s) => s !== 'new' && s !== 'legal').map((s) =>
			step('stage', s, reached(s))
		),
		step('outcome', 'paid', ended('paid')),
		step('outcome', 'in_plan', ended('in_plan')),
		step('outcome', 'disputed', ended('disputed')),
		step('outcome', 'legal', reached('legal'))
	];
}
