/**
 * Champion/challenger statistics (issue 16, item 9): per arm, the paid-off share with a Wilson
 * interval, the recovery rate (collected / placed, a ratio estimator over claims) with a normal
 * approximation interval, the liquidation curve, and the cost of contacts per forint collected.
 * Every figure comes with its sample size, and a challenger is called better or worse than the
 * champion only when the difference is significant at 95%, so nobody promotes a winner on noise.
 * Pure: sums in, figures out.
 */
import type { Channel } from './stages';

/** the two-sided 95% normal quantile */
export const Z95 = 1.959963984540054;

/** Below this many claims in an arm we say the sample is too small rather than compare. */
export const MIN_ARM_CLAIMS = 30;

export interface Interval {
	low: number;
	high: number;
}

/** Wilson score interval of a share k/n (null without claims). */
export function wilson(k: number, n: number, z = Z95): Interval | null {
	if (n <= 0) return null;
	const p = k / n;
	const z2 = z * z;
	const denom = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denom;
	const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
	return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Per arm, over its claims: x = placed, y = collected (minor units), and their squares and product. */
export interface RatioSums {
	n: number;
	sumX: number;
	sumY: number;
	sumXX: number;
	sumYY: number;
	sumXY: number;
}

export interface RatioEstimate {
	/** sum collected / sum placed */
	rate: number;
	/** its standard error (delta method), null with fewer than two claims */
	se: number | null;
	interval: Interval | null;
}

/**
 * The recovery rate R = Σy / Σx with the ratio estimator's standard error
 * se = sqrt(Σ(y − R·x)² / (n − 1) / n) / x̄, and R ± 1.96·se (normal approximation).
 */
export function ratioEstimate(s: RatioSums, z = Z95): RatioEstimate | null {
	if (s.n <= 0 || s.sumX <= 0) return null;
	const rate = s.sumY / s.sumX;
	if (s.n < 2) return { rate, se: null, interval: null };
	const resid = Math.max(0, s.sumYY - 2 * rate * s.sumXY + rate * rate * s.sumXX);
	const xbar = s.sumX / s.n;
	const se = Math.sqrt(resid / (s.n - 1) / s.n) / xbar;
	return { rate, se, interval: { low: Math.max(0, rate - z * se), high: rate + z * se } };
}

/** How a challenger compares with the champion on one figure. */
export type Verdict = 'better' | 'worse' | 'not_significant' | 'too_small';

export interface Comparison {
	/** challenger minus champion */
	diff: number;
	se: number | null;
	verdict: Verdict;
}

const verdictOf = (diff: number, se: number | null, big: boolean, z: number): Verdict => {
	if (!big) return 'too_small';
	if (se === null || diff === 0 || Math.abs(diff) <= z * se) return 'not_significant';
	return diff > 0 ? 'better' : 'worse';
};

/** Two shares compared with the pooled two-proportion z test. */
export function compareShares(
	champion: { k: number; n: number },
	challenger: { k: number; n: number },
	z = Z95
): Comparison {
	const { k: k1, n: n1 } = champion;
	const { k: k2, n: n2 } = challenger;
	const big = n1 >= MIN_ARM_CLAIMS && n2 >= MIN_ARM_CLAIMS;
	if (n1 <= 0 || n2 <= 0) return { diff: 0, se: null, verdict: 'too_small' };
	const diff = k2 / n2 - k1 / n1;
	const p = (k1 + k2) / (n1 + n2);
	const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
	return { diff, se, verdict: verdictOf(diff, se, big, z) };
}

/** Two recovery rates compared: the difference against the combined standard error. */
export function compareRates(
	champion: { n: number; estimate: RatioEstimate | null },
	challenger: { n: number; estimate: RatioEstimate | null },
	z = Z95
): Comparison {
	const a = champion.estimate;
	const b = challenger.estimate;
	const big = champion.n >= MIN_ARM_CLAIMS && challenger.n >= MIN_ARM_CLAIMS;
	if (!a || !b) return { diff: 0, se: null, verdict: 'too_small' };
	const diff = b.rate - a.rate;
	const se = a.se === null || b.se === null ? null : Math.sqrt(a.se * a.se + b.se * b.se);
	return { diff, se, verdict: verdictOf(diff, se, big, z) };
}

/**
 * What one contact costs the agency, per channel, in HUF minor units (fillér): the one place the
 * cost per forint collected is priced from. SMS and e-mail are the providers' prices, a letter
 * is postage and print, a call an operator's time, a visit a field agent's trip.
 */
export const CONTACT_COST_HUF_MINOR: Readonly<Record<Channel, number>> = {
	sms: 2_500,
	email: 300,
	letter: 45_000,
	call: 60_000,
	visit: 600_000,
	portal: 0
};

/** The cost of the contacts counted per channel (HUF minor units). */
export function contactCostMinor(counts: Partial<Record<Channel, number>>): number {
	let total = 0;
	for (const [ch, n] of Object.entries(counts) as [Channel, number][])
		total += (CONTACT_COST_HUF_MINOR[ch] ?? 0) * n;
	return total;
}

/** Forints spent on contacts per forint collected (null when nothing was collected). */
export function costPerCollected(costMinor: number, collectedMinor: number): number | null {
	return collectedMinor > 0 ? costMinor / collectedMinor : null;
}

/**
 * A liquidation curve: the share of the placed amount collected by the end of each month since
 * placement (0 = the placement month), cumulative, for `months` months.
 */
export function liquidationShare(
	placedMinor: number,
	collected: readonly { monthsSince: number; collectedMinor: number }[],
	months: number
): number[] {
	const by = new Array<number>(Math.max(1, months)).fill(0);
	for (const c of collected) {
		const i = Math.min(by.length - 1, Math.max(0, c.monthsSince));
		by[i] += c.collectedMinor;
	}
	let run = 0;
	return by.map((v) => (placedMinor > 0 ? (run += v) / placedMinor : 0));
}
