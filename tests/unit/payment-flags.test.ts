import { describe, expect, it } from 'vitest';
import {
	amountMismatchFlag,
	GATEWAY_UNAVAILABLE,
	parsePaymentFlag,
	refundableMinor
} from '../../src/lib/domain/payment-flags';

describe('payment flag reasons', () => {
	it('read back what was stored, as codes with their facts', () => {
		expect(parsePaymentFlag(amountMismatchFlag(100, 'HUF'))).toEqual({
			code: 'amount_mismatch',
			amountMinor: 100,
			currency: 'HUF'
		});
		expect(parsePaymentFlag(amountMismatchFlag(-5, 'EUR'))).toEqual({
			code: 'amount_mismatch',
			amountMinor: -5,
			currency: 'EUR'
		});
		expect(parsePaymentFlag(GATEWAY_UNAVAILABLE)).toEqual({ code: 'gateway_unavailable' });
	});
	it('show a reason stored before the codes as it is', () => {
		expect(parsePaymentFlag('provider reported 100 HUF, expected 10700000 HUF')).toEqual({
			code: 'text',
			text: 'provider reported 100 HUF, expected 10700000 HUF'
		});
		expect(parsePaymentFlag('amount_mismatch:1.5:HUF')).toEqual({
			code: 'text',
			text: 'amount_mismatch:1.5:HUF'
		});
	});
	it('say what can still go back: a succeeded payment less its refunds, a flagged one the money that arrived', () => {
		const p = {
			status: 'succeeded',
			amountMinor: 500_000,
			refundedMinor: 100_000,
			currency: 'HUF',
			flagReason: null
		};
		expect(refundableMinor(p)).toBe(400_000);
		expect(refundableMinor({ ...p, refundedMinor: 500_000 })).toBe(0);
		expect(refundableMinor({ ...p, status: 'pending', refundedMinor: 0 })).toBe(0);
		expect(
			refundableMinor({ ...p, status: 'failed', refundedMinor: 0, flagReason: GATEWAY_UNAVAILABLE })
		).toBe(0);
		const flagged = {
			...p,
			status: 'flagged',
			refundedMinor: 0,
			flagReason: amountMismatchFlag(600_000, 'HUF')
		};
		expect(refundableMinor(flagged)).toBe(600_000);
		expect(refundableMinor({ ...flagged, refundedMinor: 250_000 })).toBe(350_000);
		// another currency is not ours to refund from here
		expect(refundableMinor({ ...flagged, flagReason: amountMismatchFlag(600_000, 'EUR') })).toBe(0);
		expect(refundableMinor({ ...flagged, flagReason: 'provider reported 100 HUF' })).toBe(0);
	});
});
