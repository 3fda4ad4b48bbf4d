/** What hooks.server.ts puts into `locals` once a session is verified. */
export interface StaffIdentity {
	sessionId: string;
	userId: number;
	role: 'admin' | 'operator' | 'creditor' | 'field_agent';
	/** set for creditor users only: the one creditor they belong to */
	creditorId: number | null;
	name: string;
	email: string;
	/** signed in with a temporary password (new account or reset): must choose their own first */
	mustChangePassword: boolean;
}

/** A debtor who answered the identity question (no name or other personal data: pages load what they show). */
export interface DebtorIdentity {
	sessionId: string;
	debtorId: number;
	/** signed in by a claim reference: only this creditor's claims (sessions.onlyCreditorId) */
	onlyCreditorId: number | null;
}

/** A staff session that still waits for its second factor (enrolment for an admin without one). */
export interface PendingStaffIdentity {
	sessionId: string;
	userId: number;
	role: 'admin' | 'operator' | 'creditor' | 'field_agent';
	needs: 'verify' | 'enrol';
}
