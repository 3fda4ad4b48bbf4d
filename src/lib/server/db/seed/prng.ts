/**
 * A small deterministic PRNG for the demo data (mulberry32): the same seed gives the same
 * database, on any machine, without a dependency.
 */
export class Rng {
	private s: number;
	constructor(seed: number) {
		// spread small seeds (1, 2, 3 ...) over the state space
		this.s = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ 0xc2b2ae35) >>> 0;
	}

	/** uniform in [0, 1) */
	next(): number {
		let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	/** integer in [min, max] */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(xs: readonly T[]): T {
		return xs[Math.floor(this.next() * xs.length)];
	}

	/** index chosen by weights (need not sum to 1) */
	weighted(weights: readonly number[]): number {
		let total = 0;
		for (const w of weights) total += w;
		let r = this.next() * total;
		for (let i = 0; i < weights.length; i++) {
			r -= weights[i];
			if (r < 0) return i;
		}
		return weights.length - 1;
	}

	/** log-normal around a median, clamped */
	logNormal(median: number, sigma: number, min: number, max: number): number {
		// Box-Muller
		const u = 1 - this.next();
		const v = this.next();
		const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
		return Math.min(max, Math.max(min, median * Math.exp(sigma * z)));
	}

	/** exponential with the given mean */
	exp(mean: number): number {
		return -Math.log(1 - this.next()) * mean;
	}
}
