/**
 * Champion/challenger assignment (issue 16, item 9). A claim's arm is a stable hash of the
 * experiment and the claim id, so it is the same whenever and wherever it is computed, and it is
 * recorded at placement (claim_engine.arm) and never recomputed.
 */

export interface Arm {
	versionId: number;
	/** whole percents; an experiment's weights sum to 100 */
	weight: number;
}

/** FNV-1a 32-bit: small, fast, and well spread over consecutive ids. */
export function stableHash(text: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h >>> 0;
}

/** The arm index for a claim: its bucket 0..99 falls in the arm's share of the 100. */
export function armFor(experimentId: number, claimId: number, arms: readonly Arm[]): number {
	const bucket = stableHash(`${experimentId}:${claimId}`) % 100;
	let upTo = 0;
	for (let i = 0; i < arms.length; i++) {
		upTo += arms[i].weight;
		if (bucket < upTo) return i;
	}
	return arms.length - 1;
}

export function armsValid(arms: readonly Arm[]): boolean {
	return (
		arms.length >= 2 &&
		arms.every((a) => Number.isSafeInteger(a.weight) && a.weight > 0 && a.weight < 100) &&
		arms.reduce((s, a) => s + a.weight, 0) === 100 &&
		new Set(arms.map((a) => a.versionId)).size === arms.length
	);
}
