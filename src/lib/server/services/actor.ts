/**
 * Who may call a service: each check written once. Services call these first; a wrong kind of
 * actor gets a ForbiddenError (403). Route guards (`requireRole`, `requireStaff`, `requireDebtor`
 * in auth/guards.ts) decide who reaches a page; these decide who may run a use case.
 */
import type { Actor } from '$lib/domain/actor';
import { ConflictError, ForbiddenError } from './errors';

type Of<K extends Actor['kind']> = Extract<Actor, { kind: K }>;

export function assertDebtor(actor: Actor): asserts actor is Of<'debtor'> {
	if (actor.kind !== 'debtor') throw new ForbiddenError();
}

export function assertCreditor(actor: Actor): asserts actor is Of<'creditor'> {
	if (actor.kind !== 'creditor') throw new ForbiddenError();
}

export function assertAdmin(actor: Actor): asserts actor is Of<'admin'> {
	if (actor.kind !== 'admin') throw new ForbiddenError();
}

/** The agency's own staff: operators and admins (not creditor users). */
export function assertAgencyStaff(actor: Actor): asserts actor is Of<'operator' | 'admin'> {
	if (actor.kind !== 'operator' && actor.kind !== 'admin') throw new ForbiddenError();
}

/** Any signed-in staff account: admin, operator, field agent or creditor user (own account actions). */
export function assertStaffAccount(
	actor: Actor
): asserts actor is Of<'admin' | 'operator' | 'field_agent' | 'creditor'> {
	if (
		actor.kind !== 'admin' &&
		actor.kind !== 'operator' &&
		actor.kind !== 'field_agent' &&
		actor.kind !== 'creditor'
	)
		throw new ForbiddenError();
}

/**
 * The debtor's contact details and preferences serve every creditor's claims, and a letter carries
 * the debtor's address and personal link: a session signed in by a claim reference (which its
 * creditor knows too) neither reads nor changes them.
 */
export function assertLinkSession(actor: Actor): asserts actor is Of<'debtor'> {
	assertDebtor(actor);
	if (actor.onlyCreditorId != null) throw new ConflictError('portal.scoped.contact');
}

/** Whether the actor is a debtor's session signed in by a claim reference (see assertLinkSession). */
export const isReferenceSession = (actor: Actor): boolean =>
	actor.kind === 'debtor' && actor.onlyCreditorId != null;

/** The debtor's id, for the debtor's own use cases. */
export function debtorIdOf(actor: Actor): number {
	assertDebtor(actor);
	return actor.debtorId;
}

/** The creditor's id, for a creditor user's use cases. */
export function creditorIdOf(actor: Actor): number {
	assertCreditor(actor);
	return actor.creditorId;
}
