/** The roles a staff account can hold. */
export const STAFF_ROLES = ['admin', 'operator', 'creditor', 'field_agent'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The one thing a debtor is asked when opening a link (the creditor chooses which). */
export const IDENTITY_QUESTIONS = ['birth_date', 'tax_number', 'postal_code'] as const;
export type IdentityQuestion = (typeof IDENTITY_QUESTIONS)[number];

/** Who is acting. Every service call carries one, and every query is scoped by it. */
export type Actor =
	| { kind: 'admin'; userId: number }
	| { kind: 'operator'; userId: number }
	/** visits debtors at home in their region (postal-code ranges): /field only */
	| { kind: 'field_agent'; userId: number }
	| { kind: 'creditor'; userId: number; creditorId: number }
	/** onlyCreditorId: signed in by a claim reference, which that creditor knows (sessions.onlyCreditorId) */
	| { kind: 'debtor'; debtorId: number; onlyCreditorId?: number | null }
	| { kind: 'system'; job: string }
	| { kind: 'anonymous' };

export type ActorKind = Actor['kind'];

export function actorId(a: Actor): number | null {
	switch (a.kind) {
		case 'admin':
		case 'operator':
		case 'field_agent':
		case 'creditor':
			return a.userId;
		case 'debtor':
			return a.debtorId;
		default:
			return null;
	}
}

export const systemActor = (job: string): Actor => ({ kind: 'system', job });
