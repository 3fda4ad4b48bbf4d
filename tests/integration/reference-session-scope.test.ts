/**
 * A claim reference and the identity answer are both known to the claim's creditor (it placed
 * them). So a session opened with them at /belepes sees only that creditor's claims, and neither
 * reads nor changes the debtor's contact details, which serve every creditor's claims. A session
 * from the agency's own link (sent to the debtor) sees everything.
 */
import { describe, expect, it } from 'vitest';
import { debtorDb, makeClaim, makeCreditor } from '../helpers/portal-fixtures';
import { useWorld } from '../helpers/world';
import { signInWithReference } from '../../src/lib/server/services/sign-in-reference';
import { createSession, validateSessionToken } from '../../src/lib/server/auth/sessions';
import { claimDetail, myClaims } from '../../src/lib/server/services/portal';
import { assertInScope, debtorRow } from '../../src/lib/server/services/owned';
import { claimMessages } from '../../src/lib/server/services/messages-of-claim';
import {
	changePostalAddress,
	myContactDetails
} from '../../src/lib/server/services/contact-details';
import { getPreferences, savePreferences } from '../../src/lib/server/services/preferences';
import { ConflictError, NotFoundError } from '../../src/lib/server/services/errors';
import type { Actor } from '../../src/lib/domain/actor';

describe('a session signed in by a claim reference', () => {
	const w = useWorld(() => {
		const world = debtorDb({ email: 'elek@example.com', phone: '+36301234567' });
		const duna = makeCreditor(world.db, 'Duna Bank Zrt.');
		const pannon = makeCreditor(world.db, 'Pannon Telekom Nyrt.', undefined, {
			taxNumber: '87654321-2-42'
		});
		const dunaClaim = makeClaim(world.db, duna, world.debtorId, { principal: 1_000_000 }, 'HUF', {
			reference: 'DB-2026-0000042'
		});
		const pannonClaim = makeClaim(world.db, pannon, world.debtorId, { principal: 500_000 }, 'HUF', {
			reference: 'PT-2026-0000007'
		});
		return { ...world, duna, pannon, dunaClaim, pannonClaim };
	});

	/** the actor the guard builds from the session cookie (auth/guards.ts requireDebtor) */
	function actorOf(token: string): Actor & { kind: 'debtor' } {
		const s = validateSessionToken(w.db, token);
		if (s?.kind !== 'debtor') throw new Error('no debtor session');
		return { kind: 'debtor', debtorId: s.debtor.debtorId, onlyCreditorId: s.debtor.onlyCreditorId };
	}

	/** signs in at /belepes with a claim's reference and the debtor's birth date */
	function signIn(reference: string) {
		const r = signInWithReference(w.db, { reference, answer: '1980-04-02', ip: '10.9.0.1' });
		if (!r.ok) throw new Error(`refused: ${r.reason}`);
		return actorOf(r.session.token);
	}

	it("sees only the creditor's claims whose reference opened it", () => {
		const me = signIn('DB-2026-0000042');
		expect(me.onlyCreditorId).toBe(w.duna.creditorId);
		const listed = myClaims(w.db, me).flatMap((g) => g.claims.map((c) => c.id));
		expect(listed).toEqual([w.dunaClaim]);
		expect(claimDetail(w.db, me, w.dunaClaim).claim.id).toBe(w.dunaClaim);
		expect(() => claimDetail(w.db, me, w.pannonClaim)).toThrow(NotFoundError);
		expect(() => debtorRow(w.db, me, 'claim', w.pannonClaim)).toThrow(NotFoundError);
		expect(() => assertInScope(w.db, me, 'claim', w.pannonClaim)).toThrow(NotFoundError);
		// the services check it themselves, whatever route calls them
		expect(() => claimMessages(w.db, me, w.pannonClaim, 'hu')).toThrow(NotFoundError);
		expect(claimMessages(w.db, me, w.dunaClaim, 'hu').rows).toEqual([]);
	});

	it('neither reads nor changes the contact details and preferences', () => {
		const me = signIn('PT-2026-0000007');
		expect(me.onlyCreditorId).toBe(w.pannon.creditorId);
		expect(() => myContactDetails(w.db, me)).toThrow(ConflictError);
		expect(() =>
			changePostalAddress(w.db, me, {
				postalCode: '7632',
				city: 'Pécs',
				address: 'Más utca 1.'
			})
		).toThrow(ConflictError);
		expect(() => getPreferences(w.db, me)).toThrow(ConflictError);
		expect(() =>
			savePreferences(w.db, me, {
				preferredChannel: '',
				preferredFrom: '',
				preferredTo: '',
				optOut: ['sms', 'email', 'letter'],
				language: 'hu'
			})
		).toThrow(ConflictError);
		// nothing changed for the link's session either
		const full = actorOf(createSession(w.db, { kind: 'debtor', debtorId: w.debtorId }).token);
		expect(myContactDetails(w.db, full).postalCode).not.toBe('7632');
		expect(Object.values(getPreferences(w.db, full).optOut).some(Boolean)).toBe(false);
	});

	it("the agency's link sees every claim and the contact details", () => {
		const full = actorOf(createSession(w.db, { kind: 'debtor', debtorId: w.debtorId }).token);
		expect(full.onlyCreditorId).toBeNull();
		const listed = myClaims(w.db, full).flatMap((g) => g.claims.map((c) => c.id));
		expect(listed.sort()).toEqual([w.dunaClaim, w.pannonClaim].sort());
		expect(claimDetail(w.db, full, w.pannonClaim).claim.id).toBe(w.pannonClaim);
		expect(myContactDetails(w.db, full).email).toBe('elek@example.com');
	});
});
