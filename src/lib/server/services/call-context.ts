/**
 * What every step of a call (calls.ts) knows of the claim: its debtor, what is on file to verify
 * the right party, the contact limits, and whether a call may be made now.
 */
import { allowedFrom, contactCheck, type ContactRefusal } from '$lib/domain/contact-rules';
import type { ContactLimits, Stage } from '$lib/domain/stages';
import type { DB } from '../db/client';
import { NotFoundError } from './errors';
import { limitsOf, recentContacts } from './tasks';

export type VerifyQuestion = 'birth_date' | 'tax_number' | 'postal_code';

/** Whether the call may be made now, and if not why and from when (null: not by itself, C8). */
export interface Callable {
	refusal: ContactRefusal | null;
	allowedFrom: number | null;
}

/** What the operator may tell the debtor once the right party is verified. */
export interface CallDebt {
	reference: string;
	creditorName: string;
	balanceMinor: number;
	currency: string;
	stage: Stage;
	status: string;
}

export interface ClaimCtx {
	claimId: number;
	debtorId: number;
	reference: string;
	stage: Stage;
	status: string;
	balanceMinor: number;
	currency: string;
	creditorName: string;
	debtorName: string;
	phone: string | null;
	birthDate: string | null;
	taxNumber: string | null;
	postalCode: string;
	limits: ContactLimits;
	optedOut: boolean;
}

export function claimCtx(db: DB, claimId: number): ClaimCtx {
	const r = db.$client
		.prepare(
			`SELECT c.id AS claimId, c.debtor_id AS debtorId, c.reference, c.stage, c.status,
			        c.balance_minor AS balanceMinor, c.currency, cr.name AS creditorName,
			        d.name AS debtorName, d.phone, d.birth_date AS birthDate, d.tax_number AS taxNumber,
			        d.postal_code AS postalCode, s.contact_limits_json AS limitsJson,
			        p.opt_out_call AS optOut
			   FROM claims c
			   JOIN creditors cr ON cr.id = c.creditor_id
			   JOIN debtors d ON d.id = c.debtor_id
			   LEFT JOIN strategies s ON s.creditor_id = c.creditor_id
			   LEFT JOIN contact_preferences p ON p.debtor_id = c.debtor_id
			  WHERE c.id = ?`
		)
		.get(claimId) as
		| (Omit<ClaimCtx, 'limits' | 'optedOut'> & { limitsJson: string | null; optOut: number | null })
		| undefined;
	if (!r) throw new NotFoundError('claim');
	const { limitsJson, optOut, ...rest } = r;
	return { ...rest, limits: limitsOf(limitsJson), optedOut: !!optOut };
}

/**
 * Whether a call or a visit about the claim may be made now by the contact rules (C1, C2, C8),
 * with its recent contacts, and if not, why and from when.
 */
export function contactableNow(
	db: DB,
	c: { claimId: number; channel: 'call' | 'visit'; limits: ContactLimits; optedOut: boolean },
	now: number
): Callable {
	const input = {
		now,
		channel: c.channel,
		limits: c.limits,
		optedOut: c.optedOut,
		recent: recentContacts(db, c.claimId, now)
	};
	const refusal = contactCheck(input);
	return { refusal, allowedFrom: refusal ? allowedFrom(input) : now };
}

export function callable(db: DB, ctx: ClaimCtx, now: number): Callable {
	return contactableNow(db, { ...ctx, channel: 'call' }, now);
}

export const questionOf = (c: Pick<ClaimCtx, 'birthDate' | 'taxNumber'>): VerifyQuestion =>
	c.birthDate ? 'birth_date' : c.taxNumber ? 'tax_number' : 'postal_code';

export function debtOf(c: ClaimCtx): CallDebt {
	return {
		reference: c.reference,
		creditorName: c.creditorName,
		balanceMinor: c.balanceMinor,
		currency: c.currency,
		stage: c.stage,
		status: c.status
	};
}
