import { afterEach, describe, expect, it } from 'vitest';
import { transferPanel } from '../../src/lib/server/payments/transfer';
import {
	collectionAccount,
	collectionAccountProblem
} from '../../src/lib/server/collection-account';

const ENV = [
	'RENDEZ_COLLECTION_NAME',
	'RENDEZ_COLLECTION_BIC',
	'RENDEZ_COLLECTION_IBAN_HUF',
	'RENDEZ_COLLECTION_IBAN_EUR'
];
afterEach(() => {
	for (const k of ENV) delete process.env[k];
});

const field = (p: ReturnType<typeof transferPanel>, key: string) =>
	p.fields.find((f) => f.key === key);

type Args = Parameters<typeof transferPanel>;
/** the panel on 2 March 2026; a part may be paid unless `partialAllowed` is false */
const panelOn = (lang: Args[0], claim: Args[1], amountMinor: number, partialAllowed = true) =>
	transferPanel(lang, claim, amountMinor, '2026-03-02', partialAllowed);

describe("the pay page's bank-transfer panel", () => {
	it('HUF: the account, the exact reference, the amount and an MNB QR as an SVG', () => {
		const p = panelOn('hu', { reference: 'RZ-2026-9', currency: 'HUF' }, 4_990_000);
		expect(p.title).toBe('Fizetés banki átutalással');
		expect(field(p, 'iban')).toEqual({
			key: 'iban',
			label: 'Számlaszám (IBAN)',
			value: 'HU42 1177 3016 1111 1018 0000 0000',
			copy: 'HU42117730161111101800000000'
		});
		expect(field(p, 'reference')?.copy).toBe('RZ-2026-9');
		expect(field(p, 'amount')).toMatchObject({ value: '49\u00a0900\u00a0Ft', copy: '49900' });
		expect(field(p, 'bic')).toBeUndefined();
		expect(p.qrPath).toMatch(/^(M\d+ \d+h1v1h-1z)+$/);
		// the 2-cell quiet zone around at least a version-4 code (33 cells and up)
		expect(p.qrSize).toBeGreaterThanOrEqual(37);
		expect(p.qrHint).toContain('MNB');
	});

	it('EUR: the EUR account with its BIC, a decimal amount and the EPC QR; English texts', () => {
		const p = panelOn('en', { reference: 'RZ-E-1', currency: 'EUR' }, 123_405);
		expect(p.title).toBe('Pay by bank transfer');
		expect(field(p, 'iban')?.copy).toBe('HU59117730161111102500000000');
		expect(field(p, 'bic')?.copy).toBe('OTPVHUHB');
		expect(field(p, 'amount')).toMatchObject({ value: '€1,234.05', copy: '1234.05' });
		expect(p.qrHint).toContain('EPC');
	});

	it("follows the creditor's rule: a part may be transferred only where partial payments are allowed, else the full amount (both languages)", () => {
		const claim = { reference: 'RZ-2026-9', currency: 'HUF' as const };
		expect(panelOn('hu', claim, 4_990_000).note).toContain('Részösszeget is átutalhat.');
		const hu = panelOn('hu', claim, 4_990_000, false).note;
		expect(hu).not.toContain('Részösszeget');
		expect(hu).toContain('csak a teljes összeget fogadja el');
		const en = panelOn('en', claim, 4_990_000, false).note;
		expect(en).not.toContain('a part too');
		expect(en).toContain('the whole amount above in one payment');
	});

	it('takes the account from the environment, and refuses a malformed IBAN rather than use the demo one', () => {
		process.env.RENDEZ_COLLECTION_NAME = 'Behajtó Kft.';
		process.env.RENDEZ_COLLECTION_BIC = 'GIBAHUHB';
		process.env.RENDEZ_COLLECTION_IBAN_HUF = 'HU93 1160 0006 0000 0000 1234 5676';
		expect(collectionAccount()).toMatchObject({
			name: 'Behajtó Kft.',
			bic: 'GIBAHUHB',
			ibanHuf: 'HU93 1160 0006 0000 0000 1234 5676'
		});
		const p = panelOn('hu', { reference: 'R', currency: 'HUF' }, 100);
		expect(field(p, 'iban')?.copy).toBe('HU93116000060000000012345676');
		process.env.RENDEZ_COLLECTION_IBAN_HUF = 'HU00 1160 0006 0000 0000 1234 5676';
		expect(() => collectionAccount()).toThrow(/RENDEZ_COLLECTION_IBAN_HUF/);
		expect(collectionAccountProblem()).toMatch(/^RENDEZ_COLLECTION_IBAN_HUF is not valid/);
		delete process.env.RENDEZ_COLLECTION_IBAN_HUF;
		expect(collectionAccountProblem()).toBeNull();
	});
});
