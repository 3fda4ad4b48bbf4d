import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	epcAmount,
	epcPayload,
	groupIban,
	isValidIban,
	mnbPayload,
	mnbValidity,
	paymentQrPayload,
	wholeForints,
	type CollectionAccount,
	type PaymentRequest
} from '../../src/lib/domain/payment-qr';

const ACCOUNT: CollectionAccount = {
	name: 'Rendez Követeléskezelő Kft.',
	bic: 'OTPVHUHB',
	ibanHuf: 'HU42 1177 3016 1111 1018 0000 0000',
	ibanEur: 'HU59117730161111102500000000'
};

/** A request of 1 forint valid to New Year's Day 2026, but for what a test sets. */
const request = (o: Partial<PaymentRequest>): PaymentRequest => ({
	currency: 'HUF',
	amountMinor: 100,
	reference: 'R',
	validUntil: '2026-01-01',
	...o
});

describe('MNB QR payment request (HUF)', () => {
	const text = mnbPayload(
		ACCOUNT,
		request({ amountMinor: 4_990_000, reference: 'RZ-2026-000123', validUntil: '2026-12-31' })
	);

	it('has the 17 fields in the guide order, each closed by a line feed', () => {
		expect(text.endsWith('\n')).toBe(true);
		const f = text.split('\n');
		expect(f).toHaveLength(18); // 17 fields + the empty string after the last LF
		expect(f.slice(0, 10)).toEqual([
			'HCT',
			'001',
			'1',
			'OTPVHUHB',
			'Rendez Követeléskezelő Kft.',
			'HU42117730161111101800000000',
			'HUF49900',
			'20261231235959+1',
			'COLL',
			'RZ-2026-000123'
		]);
		expect(f.slice(10)).toEqual(['', '', '', '', '', '', '', '']);
	});

	it('prints whole forints from minor units, rounding fillér up', () => {
		expect(wholeForints(4_990_000)).toBe(49_900);
		expect(wholeForints(4_990_001)).toBe(49_901);
		expect(wholeForints(0)).toBe(0);
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 999_999_999_999 }), (forints) => {
				const t = mnbPayload(ACCOUNT, request({ amountMinor: forints * 100 }));
				expect(t.split('\n')[6]).toBe(`HUF${forints}`);
			})
		);
	});

	it('validity is the end of the deadline day with the Budapest offset (+1 winter, +2 summer)', () => {
		expect(mnbValidity('2026-01-15')).toBe('20260115235959+1');
		expect(mnbValidity('2026-07-15')).toBe('20260715235959+2');
		expect(mnbValidity('2026-03-29')).toBe('20260329235959+2'); // DST starts that morning
		expect(mnbValidity('2026-10-25')).toBe('20261025235959+1'); // DST ends that morning
	});

	it('a line feed in a field cannot shift the fields after it', () => {
		const t = mnbPayload({ ...ACCOUNT, name: 'Evil\nHUF1' }, request({ reference: 'A\nB' }));
		const f = t.split('\n');
		expect(f[4]).toBe('Evil HUF1');
		expect(f[9]).toBe('A B');
		expect(f).toHaveLength(18);
	});

	it('refuses EUR and stays within 345 bytes', () => {
		expect(() => mnbPayload(ACCOUNT, request({ currency: 'EUR' }))).toThrow();
		// fields are cut to their lengths (name 70, remittance 70 characters) ...
		const cut = mnbPayload(
			{ ...ACCOUNT, name: 'N'.repeat(200) },
			request({ reference: 'R'.repeat(200) })
		);
		expect(cut.split('\n')[4]).toHaveLength(70);
		expect(cut.split('\n')[9]).toHaveLength(70);
		expect(new TextEncoder().encode(cut).length).toBeLessThanOrEqual(345);
		// ... and what is still over 345 bytes (two-byte letters) is refused, never a broken code
		expect(() =>
			mnbPayload({ ...ACCOUNT, name: 'ő'.repeat(70) }, request({ reference: 'ű'.repeat(70) }))
		).toThrow(/too long/);
	});
});

describe('EPC QR (EUR, SEPA credit transfer)', () => {
	it('has BCD 002 1 SCT, BIC, name, IBAN, EUR amount and the reference as remittance', () => {
		const t = epcPayload(
			ACCOUNT,
			request({ currency: 'EUR', amountMinor: 123_405, reference: 'RZ-2026-000777' })
		);
		expect(t.split('\n')).toEqual([
			'BCD',
			'002',
			'1',
			'SCT',
			'OTPVHUHB',
			'Rendez Követeléskezelő Kft.',
			'HU59117730161111102500000000',
			'EUR1234.05',
			'',
			'',
			'RZ-2026-000777'
		]);
	});

	it('formats cents with a dot and two decimals, from integers', () => {
		expect(epcAmount(1)).toBe('EUR0.01');
		expect(epcAmount(1234)).toBe('EUR12.34');
		expect(epcAmount(100_000)).toBe('EUR1000.00');
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 99_999_999_999 }), (cents) => {
				const s = epcAmount(cents).slice(3);
				expect(s).toMatch(/^\d+\.\d{2}$/);
				expect(Number(s.replace('.', ''))).toBe(cents);
			})
		);
	});

	it('paymentQrPayload picks MNB for HUF and EPC for EUR', () => {
		const qr = (currency: 'HUF' | 'EUR') => paymentQrPayload(ACCOUNT, request({ currency }));
		expect(qr('HUF').startsWith('HCT\n001\n')).toBe(true);
		expect(qr('EUR').startsWith('BCD\n002\n')).toBe(true);
	});
});

describe('IBAN', () => {
	it('checks the mod-97 check digits and groups by four', () => {
		expect(isValidIban('HU42117730161111101800000000')).toBe(true);
		expect(isValidIban('HU43117730161111101800000000')).toBe(false);
		expect(isValidIban('hu42 1177 3016 1111 1018 0000 0000')).toBe(true);
		expect(groupIban('HU42117730161111101800000000')).toBe('HU42 1177 3016 1111 1018 0000 0000');
	});
});
