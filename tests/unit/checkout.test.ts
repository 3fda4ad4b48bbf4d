import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	CHECKOUT_TTL_MS,
	checkoutsToExpire,
	decideCheckout,
	holds,
	type HeldPayment
} from '../../src/lib/domain/checkout';

const NOW = 1_800_000_000_000;
const held = (id: number, amountMinor: number, ageMs: number, inFlight = false): HeldPayment => ({
	id,
	amountMinor,
	purpose: 'partial',
	planId: null,
	createdAt: NOW - ageMs,
	inFlight
});
const req = (amountMinor: number, purpose = 'partial') => ({ amountMinor, purpose, planId: null });

describe('decideCheckout', () => {
	it('sends the same amount and purpose to the checkout already open', () => {
		expect(decideCheckout([held(7, 500, 1000)], req(500), 1000, NOW)).toEqual({
			kind: 'reuse',
			paymentId: 7
		});
		expect(decideCheckout([held(7, 500, 1000)], req(500, 'full'), 1000, NOW)).toEqual({
			kind: 'new'
		});
	});

	it('refuses what would pass the balance, with the minutes until the open checkout expires', () => {
		expect(decideCheckout([held(7, 600, 15 * 60_000)], req(500), 1000, NOW)).toEqual({
			kind: 'refuse',
			minutes: 45
		});
		expect(decideCheckout([held(7, 600, 0, true)], req(500), 1000, NOW)).toEqual({
			kind: 'refuse',
			minutes: null
		});
	});

	it('an expired checkout holds nothing; money in flight holds however old', () => {
		expect(holds(held(1, 1, CHECKOUT_TTL_MS), NOW)).toBe(false);
		expect(holds(held(1, 1, CHECKOUT_TTL_MS - 1), NOW)).toBe(true);
		expect(holds(held(1, 1, 100 * CHECKOUT_TTL_MS, true), NOW)).toBe(true);
		expect(decideCheckout([held(7, 1000, CHECKOUT_TTL_MS)], req(1000, 'full'), 1000, NOW)).toEqual({
			kind: 'new'
		});
	});

	it('whatever is open and asked, what it lets hold never exceeds the balance', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 10_000 }),
				fc.array(fc.integer({ min: 1, max: 10_000 }), { maxLength: 30 }),
				(max, asks) => {
					const open: HeldPayment[] = [];
					for (const [i, a] of asks.entries()) {
						if (a > max) continue;
						const d = decideCheckout(open, req(a), max, NOW);
						if (d.kind === 'new') open.push(held(i, a, 0));
					}
					return open.reduce((s, p) => s + p.amountMinor, 0) <= max;
				}
			)
		);
	});
});

describe('checkoutsToExpire (a changed order)', () => {
	const page = (p: HeldPayment, expirable = true) => ({ ...p, expirable });
	it('names the abandoned checkouts whose expiry lets the other amount in', () => {
		expect(checkoutsToExpire([page(held(1, 1000, 1000))], req(300), 1000, NOW)).toEqual([1]);
		expect(
			checkoutsToExpire([page(held(1, 600, 1000)), page(held(2, 300, 5))], req(800), 1000, NOW)
		).toEqual([1, 2]);
	});
	it('expires nothing while money is in flight or a checkout has no page yet, if that still blocks', () => {
		expect(checkoutsToExpire([page(held(1, 1000, 1000, true))], req(300), 1000, NOW)).toBeNull();
		expect(checkoutsToExpire([page(held(1, 1000, 1000), false)], req(300), 1000, NOW)).toBeNull();
		expect(
			checkoutsToExpire([page(held(1, 800, 10, true)), page(held(2, 100, 10))], req(300), 1000, NOW)
		).toBeNull();
		// in flight 500 + 300 fit once the abandoned 400 is gone
		expect(
			checkoutsToExpire([page(held(1, 500, 10, true)), page(held(2, 400, 10))], req(300), 1000, NOW)
		).toEqual([2]);
	});
	it('ignores checkouts that no longer hold', () => {
		expect(
			checkoutsToExpire([page(held(1, 1000, CHECKOUT_TTL_MS))], req(300), 1000, NOW)
		).toBeNull();
	});
	it('what stays held plus the request never passes the most that may be paid', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						amount: fc.integer({ min: 1, max: 1000 }),
						age: fc.integer({ min: 0, max: 2 * CHECKOUT_TTL_MS }),
						inFlight: fc.boolean(),
						expirable: fc.boolean()
					}),
					{ maxLength: 6 }
				),
				fc.integer({ min: 1, max: 1000 }),
				(ps, amount) => {
					const pending = ps.map((p, i) =>
						page(held(i + 1, p.amount, p.age, p.inFlight), p.expirable)
					);
					const ids = checkoutsToExpire(pending, req(amount), 1000, NOW);
					if (ids === null) return;
					const left = pending.filter((p) => !ids.includes(p.id));
					expect(decideCheckout(left, req(amount), 1000, NOW).kind).not.toBe('refuse');
					for (const id of ids) {
						const p = pending.find((x) => x.id === id)!;
						expect(p.expirable && !p.inFlight && holds(p, NOW)).toBe(true);
					}
				}
			)
		);
	});
});
