/**
 * The largest request body the built server accepts, read as adapter-node reads BODY_SIZE_LIMIT
 * (default 512K; K, M, G suffixes; Infinity). Upload forms state and check the smaller of their
 * own limit and this one, so a refusal says the limit that actually applies.
 */
export function bodySizeLimit(env: Record<string, string | undefined> = process.env): number {
	const raw = (env.BODY_SIZE_LIMIT ?? '512K').trim();
	if (raw === 'Infinity') return Infinity;
	const m = /^(\d+)([KMG]?)$/i.exec(raw);
	if (!m) return 512 * 1024;
	const mult = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[
		m[2].toUpperCase() as '' | 'K' | 'M' | 'G'
	];
	return Number(m[1]) * mult;
}

/** What an upload form's body holds besides its file: its other fields and the multipart framing. */
export const FORM_ROOM = 64 * 1024;

/** Room left for a form's file once its other fields and the multipart framing are counted. */
export function uploadLimit(ownLimit: number, env?: Record<string, string | undefined>): number {
	return Math.max(0, Math.min(ownLimit, bodySizeLimit(env) - FORM_ROOM));
}

/** A byte count as megabytes for a message: 5, 0.4 (one decimal below ten). */
export function megabytes(bytes: number): number {
	const mb = bytes / (1024 * 1024);
	return mb >= 10 ? Math.floor(mb) : Math.floor(mb * 10) / 10;
}
