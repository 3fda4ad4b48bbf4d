import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	CHECKOUT_TTL_MS,
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
