/**
 * Hardship (issue 19, item 9): "I can't pay now". The debtor says why, by category, and asks for a
 * pause; the claim is held while an operator reviews it by a deadline.
 *
 * C13 (data minimisation, no health data): only the category is kept; the debtor's own words are
 * kept for job loss and "other" (at most HARDSHIP_NOTE_MAX characters), never for illness, where
 * whatever was typed is dropped before anything is stored.
 */
import { addBusinessDays } from './holidays';

export const HARDSHIP_REASONS = [
	'job_loss',
	'illness',
	'revenue_loss',
	'customers_unpaid',
	'other'
] as const;
export type HardshipReason = (typeof HARDSHIP_REASONS)[number];

/** What a person may give as the reason, and what a company may: a company has no job or illness. */
const REASONS_BY_KIND = {
	person: ['job_loss', 'illness', 'other'],
	company: ['revenue_loss', 'customers_unpaid', 'other']
} as const satisfies Record<string, readonly HardshipReason[]>;

export const hardshipReasonsFor = (kind: 'person' | 'company'): readonly HardshipReason[] =>
	REASONS_BY_KIND[kind];

/** The pauses a debtor may ask for, in days. */
export const HARDSHIP_PAUSE_DAYS = [30, 60, 90] as const;
export type HardshipPause = (typeof HARDSHIP_PAUSE_DAYS)[number];

/**
 * Operators review a request within this many business days (Hungarian working days: a deadline
 * never falls on a Saturday, a Sunday or a public holiday, when no one would review it).
 */
export const HARDSHIP_REVIEW_DAYS = 5;
export const HARDSHIP_NOTE_MAX = 1000;

export const isHardshipReason = (v: string): v is HardshipReason =>
	(HARDSHIP_REASONS as readonly string[]).includes(v);
export const isHardshipPause = (v: number): v is HardshipPause =>
	(HARDSHIP_PAUSE_DAYS as readonly number[]).includes(v);

/** What is kept of the debtor's words: nothing for illness (C13), else the trimmed text or null. */
export function keptHardshipNote(reason: HardshipReason, note: string): string | null {
	if (reason === 'illness') return null;
	const t = note.trim();
	return t.length ? t : null;
}

/** The review deadline of a request made on `today`; the debtor's page and the queue show it. */
export const hardshipReviewDue = (today: string) => addBusinessDays(today, HARDSHIP_REVIEW_DAYS);
