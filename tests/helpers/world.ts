/**
 * A test world made fresh before each test of the suite that calls `useWorld`: instead of a `let`
 * per field and a `beforeEach` that assigns them all, `const w = useWorld(debtorDb)` and then
 * `w.db`, `w.debtorId` in the tests (the fields are always the running test's). Helpers that read
 * the world are added to the object it returns: `withMe` (portal-fixtures.ts) adds the debtor as
 * the actor, useStripeWorld its payment helpers.
 */
import { beforeEach } from 'vitest';

export function useWorld<T extends object>(make: () => T): T {
	const w = {} as T;
	beforeEach(() => {
		Object.assign(w, make());
	});
	return w;
}
