/**
 * Required references to a claim and a debtor, the key of a row that adds to a claim, and the
 * staff member who did something. Apart from `claims.ts` because the table modules import each
 * other: a helper defined there would not yet exist when `payments.ts` or `plans.ts` (which it
 * imports) build their tables; this module only defines functions, which read the tables when
 * drizzle resolves the references. (`creditorRef` can live beside its table: `creditors.ts`
 * imports no other table module.)
 */
import { integer, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { keyRef, ref } from './columns';
import { claims, debtors } from './claims';
import { staffUsers } from './access';

/** The claim a row belongs to (required). */
export const claimRef = () => ref('claim_id', () => claims.id);
/** The debtor a row belongs to (required). */
export const debtorRef = () => ref('debtor_id', () => debtors.id);
/** The key of a row that adds to one claim (its recall, its engine, what its creditor supplied). */
export const claimKey = () => keyRef('claim_id', () => claims.id);
/** A debtor's act on one of their claims (plans, promises, disputes, payments, contacts). */
export const claimOfDebtor = () => ({ claimId: claimRef(), debtorId: debtorRef() });
/** The staff member who did it (decided, answered, created, ...); null where no one on staff did. */
export const byStaff = (name: string) =>
	integer(name).references((): AnySQLiteColumn => staffUsers.id);
