import type { Dictionary, Lang } from '$lib/i18n/core';
import type { StaffIdentity, DebtorIdentity, PendingStaffIdentity } from '$lib/server/auth/types';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** shown to the user so support can find the log line; never the stack */
			id?: string;
		}
		interface Locals {
			lang: Lang;
			requestId: string;
			/** a signed-in staff member (admin, operator, creditor user), or null */
			staff: StaffIdentity | null;
			/** a debtor who answered the identity question, or null */
			debtor: DebtorIdentity | null;
			/** a staff member who gave the password but not yet the second factor (or must enrol one) */
			pendingStaff: PendingStaffIdentity | null;
		}
		interface PageData {
			lang: Lang;
			/** the current language's dictionary, loaded by src/routes/+layout.ts */
			messages?: Dictionary;
		}
	}
}

export {};
