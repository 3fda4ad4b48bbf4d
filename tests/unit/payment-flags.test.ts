import { describe, expect, it } from 'vitest';
import { amountMismatchFlag, GATEWAY_UNAVAILABLE, parsePaymentFlag } from '../../src/lib/domain/payment-flags';

describe('payment flag reasons', () => {
	it('read back what was stored, as codes with their facts', () => {
		expect(parsePaymentFlag(amountMismatchFlag(100, 'HUF'))).toEqual({ code: 'amount_mismatch', amountMinor: 100, currency: 'HUF' });
		expect(parsePaymentFlag(amountMismatchFlag(-5, 'EUR'))).toEqual({ code: 'amount_mismatch', amountMinor: -5, currency: 'EUR' });
		expect(parsePaymentFlag(GATEWAY_UNAVAILABLE)).toEqual({ code: 'gateway_unavailable' });
	});
	it('show a reason stored before the codes as it is', () => {
		expect(parsePaymentFlag('provider reported 100 HUF, expected 10700000 HUF')).toEqual({ code: 'text', text: 'provider reported 100 HUF, expected 10700000 HUF' });
		expect(parsePaymentFlag('amount_mismatch:1.5:HUF')).toEqual({ code: 'text', text: 'amount_mismatch:1.5:HUF' });
	});
});
