/**
 * The text inside a payment QR code, for a bank transfer to the agency's collection account with
 * the claim's reference as the remittance text (issue 17 letters, issue 19 item 5).
 *
 * HUF: the Magyar Nemzeti Bank's QR-code payment request ("QR-kód fizetési kérés", the MNB guide
 * "Útmutató az azonnali fizetési rendszerben alkalmazható QR-kód adatbeviteli megoldásról",
 * qr-kod-utmutato-20190712), which Hungarian banking apps scan. Followed: 17 data elements in this
 * fixed order, each closed by a line feed (LF), the whole at most 345 bytes (UTF-8):
 *    1 identification code  'HCT' (credit transfer; 'RTP' would be a request to pay)  3
 *    2 version              '001'                                                      3
 *    3 character set        '1' (UTF-8)                                                1
 *    4 BIC of the payee     8 or 11
 *    5 payee's name         max 70
 *    6 payee's IBAN         'HU' + 26 = 28
 *    7 amount               'HUF' + whole forints without separators, max 12 digits ('' = none)
 *    8 validity             yyyyMMddHHmmss + Budapest's UTC offset in hours ('+1' / '+2')
 *    9 payment situation    ISO 20022 purpose code, 4 (optional)
 *   10 remittance text      max 70 (we put the claim reference there, nothing else)
 *   11-17 shop id, merchant device id, receipt id, payer id, payee internal id, loyalty id,
 *         NAV verification code: each max 35, unused here (empty lines)
 * (Cross-checked against two public implementations of the same guide; one of them omits the
 * last LF, the guide's "each element is closed by LF" is what we do.)
 *
 * EUR: the European Payments Council's "Quick Response Code: guidelines to enable data capture for
 * the initiation of a SEPA credit transfer" (EPC069-12, version 002), what "GiroCode" apps scan:
 * fields separated by LF, at most 331 bytes, trailing empty fields left out:
 *    1 'BCD'  2 '002'  3 '1' (UTF-8)  4 'SCT'  5 BIC (optional in 002)  6 name max 70
 *    7 IBAN  8 'EUR' + amount with a '.' and two decimals (EUR12.34)  9 purpose (4, optional)
 *   10 structured creditor reference (max 35; empty when 11 is used)  11 unstructured remittance
 *      max 140 (the claim reference)  12 beneficiary-to-originator information (max 70, unused)
 *
 * Amounts come as integer minor units and are printed from integers only.
 */
import { zoneOffsetMs, instantAt } from './clock';
import type { Currency } from './money';

/** The agency's collection account (one IBAN per currency). */
export interface CollectionAccount {
	name: string;
	bic: string;
	ibanHuf: string;
	ibanEur: string;
}

export interface PaymentRequest {
	currency: Currency;
	/** integer minor units (fillér, cent) */
	amountMinor: number;
	/** the claim reference, the transfer's remittance text */
	reference: string;
	/** the last Budapest day the request is valid ('YYYY-MM-DD'); HUF only (EUR has no field) */
	validUntil: string;
}

/** MNB payment situation: the ISO 20022 purpose code for a payment of a debt collected. */
export const MNB_PAYMENT_SITUATION = 'COLL';
export const MNB_MAX_BYTES = 345;
export const EPC_MAX_BYTES = 331;

/** IBAN without spaces, upper case. */
export function compactIban(iban: string): string {
	return iban.replace(/\s+/g, '').toUpperCase();
}

/** 'HU42 1177 3016 …': groups of four for people to read and type. */
export function groupIban(iban: string): string {
	return compactIban(iban).replace(/(.{4})(?=.)/g, '$1 ');
}

/** The ISO 13616 check (mod 97 = 1), computed piecewise on the digits, no big numbers. */
export function isValidIban(iban: string): boolean {
	const s = compactIban(iban);
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
	const moved = s.slice(4) + s.slice(0, 4);
	let rest = 0;
	for (const ch of moved) {
		const v = ch >= 'A' ? String(ch.charCodeAt(0) - 55) : ch;
		for (const d of v) rest = (rest * 10 + Number(d)) % 97;
	}
	return rest === 1;
}

/**
 * Whole forints for a transfer (banks move no fillér): rounded up, so the transfer of a balance
 * with fillér still settles it. Our HUF amounts are whole forints anyway.
 */
export function wholeForints(amountMinor: number): number {
	if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw new RangeError('bad amount');
	return Math.ceil(amountMinor / 100);
}

/** 'EUR12.34' from 1234 cents (EPC: a dot, two decimals, no grouping). */
export function epcAmount(amountMinor: number): string {
	if (!Number.isSafeInteger(amountMinor) || amountMinor < 1) throw new RangeError('bad amount');
	const cents = amountMinor % 100;
	return `EUR${(amountMinor - cents) / 100}.${String(cents).padStart(2, '0')}`;
}

/** The end of a Budapest day as the MNB validity: '20261231235959+1' (+2 in summer time). */
export function mnbValidity(day: string): string {
	const offsetHours = zoneOffsetMs(instantAt(day, 23, 59)) / 3_600_000;
	return `${day.replaceAll('-', '')}235959+${offsetHours}`;
}

/** No field may carry a line feed (it would shift every later field). */
function clean(s: string, max: number): string {
	const one = s.replace(/[\r\n]+/g, ' ').trim();
	return [...one].slice(0, max).join('');
}

function bytes(s: string): number {
	return new TextEncoder().encode(s).length;
}

/** The beneficiary's BIC, name and account, as both standards carry them, in this order. */
function beneficiary(account: CollectionAccount, iban: string): string[] {
	return [clean(account.bic, 11).toUpperCase(), clean(account.name, 70), compactIban(iban)];
}

/** The MNB HCT payment request for a HUF transfer. */
export function mnbPayload(account: CollectionAccount, req: PaymentRequest): string {
	if (req.currency !== 'HUF') throw new RangeError('MNB QR is for HUF');
	const amount = wholeForints(req.amountMinor);
	if (String(amount).length > 12) throw new RangeError('amount too large for MNB QR');
	const fields = [
		'HCT',
		'001',
		'1',
		...beneficiary(account, account.ibanHuf),
		amount > 0 ? `HUF${amount}` : '',
		mnbValidity(req.validUntil),
		MNB_PAYMENT_SITUATION,
		clean(req.reference, 70),
		'',
		'',
		'',
		'',
		'',
		'',
		''
	];
	const text = fields.map((f) => `${f}\n`).join('');
	if (bytes(text) > MNB_MAX_BYTES) throw new RangeError('MNB QR payload too long');
	return text;
}

/** The EPC (SEPA credit transfer) QR payload for a EUR transfer. */
export function epcPayload(account: CollectionAccount, req: PaymentRequest): string {
	if (req.currency !== 'EUR') throw new RangeError('EPC QR is for EUR');
	const fields = [
		'BCD',
		'002',
		'1',
		'SCT',
		...beneficiary(account, account.ibanEur),
		epcAmount(req.amountMinor),
		'',
		'',
		clean(req.reference, 140)
	];
	const text = fields.join('\n');
	if (bytes(text) > EPC_MAX_BYTES) throw new RangeError('EPC QR payload too long');
	return text;
}

/** The payload for the claim's currency: MNB for HUF, EPC for EUR. */
export function paymentQrPayload(account: CollectionAccount, req: PaymentRequest): string {
	return req.currency === 'HUF' ? mnbPayload(account, req) : epcPayload(account, req);
}

/** The IBAN a transfer in this currency goes to. */
export function collectionIban(account: CollectionAccount, currency: Currency): string {
	return currency === 'HUF' ? account.ibanHuf : account.ibanEur;
}
