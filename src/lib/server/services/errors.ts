/**
 * Errors services raise on purpose. Routes turn them into 404/403/400 answers; anything else is
 * unexpected and goes through handleError (logged with an id, friendly page).
 */
export class NotFoundError extends Error {
	constructor(what = 'not found') {
		super(what);
	}
}

/** The actor may not do this. For another tenant's record use NotFoundError instead (no leak). */
export class ForbiddenError extends Error {
	constructor(what = 'forbidden') {
		super(what);
	}
}

/** A user's mistake: field -> i18n message key (with params). Shown next to the field. */
export class ValidationError extends Error {
	constructor(
		public fields: Record<string, { key: string; params?: Record<string, string | number> }>
	) {
		super('validation failed');
	}
}

/** The request clashes with the current state (e.g. a plan is already open). i18n key. */
export class ConflictError extends Error {
	constructor(
		public key: string,
		public params: Record<string, string | number> = {}
	) {
		super(key);
	}
}
