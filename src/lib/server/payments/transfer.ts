/**
 * The pay page's bank-transfer panel (issue 19, item 5): the agency's collection account, the
 * exact reference to write, the amount, and the payment QR (MNB for HUF, EPC for EUR) as an SVG
 * drawn here on the server, with every text already in the reader's language, so the debtor's
 * page downloads neither a QR encoder nor more dictionary.
 */
import { encode } from 'uqr';
import { addDays } from '$lib/domain/clock';
import { formatMoney, minorToDecimalString, type Currency } from '$lib/domain/money';
import {
	collectionIban,
	compactIban,
	groupIban,
	paymentQrPayload,
	wholeForints
} from '$lib/domain/payment-qr';
import { translate, type Lang } from '$lib/i18n';
import { collectionAccount } from '../collection-account';

/** How long the HUF QR (MNB) stays valid: the balance may change (interest), so not for ever. */
export const TRANSFER_QR_DAYS = 7;

export interface TransferField {
	key: 'beneficiary' | 'iban' | 'bic' | 'reference' | 'amount';
	label: string;
	/** as shown */
	value: string;
	/** what the copy button puts on the clipboard (no spaces in an IBAN, a plain number) */
	copy: string;
}

export interface TransferPanel {
	title: string;
	intro: string;
	note: string;
	fields: TransferField[];
	/** the QR code as one SVG path on a grid of `qrSize` cells (quiet zone included) */
	qrPath: string;
	qrSize: number;
	qrLabel: string;
	qrHint: string;
	copyLabel: string;
	copiedLabel: string;
}

/** A QR code as the path of its dark cells, with a 2-cell quiet zone; drawn as inline SVG markup. */
export function qrPath(text: string): { qrPath: string; qrSize: number } {
	const qr = encode(text, { ecc: 'M', border: 2 });
	let d = '';
	qr.data.forEach((row, y) =>
		row.forEach((dark, x) => {
			if (dark) d += `M${x} ${y}h1v1h-1z`;
		})
	);
	return { qrPath: d, qrSize: qr.size };
}

export function transferPanel(
	lang: Lang,
	claim: { reference: string; currency: Currency },
	amountMinor: number,
	today: string,
	/** the creditor's rule for this claim: may the debtor pay a part? (else the panel asks for the whole amount) */
	partialAllowed: boolean
): TransferPanel {
	const tr = (k: Parameters<typeof translate>[1], p?: Record<string, string>) =>
		translate(lang, k, p);
	const account = collectionAccount();
	const iban = compactIban(collectionIban(account, claim.currency));
	// HUF transfers move whole forints (rounded up as in the QR), EUR a decimal amount
	const amount =
		claim.currency === 'HUF' ? wholeForints(amountMinor) * 100 : Math.max(amountMinor, 0);
	const shown = formatMoney(amount, claim.currency, lang);
	const payload = paymentQrPayload(account, {
		currency: claim.currency,
		amountMinor: amount,
		reference: claim.reference,
		validUntil: addDays(today, TRANSFER_QR_DAYS)
	});
	return {
		title: tr('portal.transfer.title'),
		intro: tr('portal.transfer.intro'),
		note: tr(partialAllowed ? 'portal.transfer.note' : 'portal.transfer.noteFull'),
		fields: [
			{
				key: 'beneficiary',
				label: tr('portal.transfer.beneficiary'),
				value: account.name,
				copy: account.name
			},
			{ key: 'iban', label: tr('portal.transfer.iban'), value: groupIban(iban), copy: iban },
			...(claim.currency === 'EUR'
				? [
						{
							key: 'bic' as const,
							label: tr('portal.transfer.bic'),
							value: account.bic,
							copy: account.bic
						}
					]
				: []),
			{
				key: 'reference',
				label: tr('portal.transfer.reference'),
				value: claim.reference,
				copy: claim.reference
			},
			{
				key: 'amount',
				label: tr('portal.transfer.amount'),
				value: shown,
				copy: claim.currency === 'HUF' ? String(amount / 100) : minorToDecimalString(amount)
			}
		],
		...qrPath(payload),
		qrLabel: tr('portal.transfer.qrLabel', { amount: shown, reference: claim.reference }),
		qrHint: tr(claim.currency === 'HUF' ? 'portal.transfer.qrMnb' : 'portal.transfer.qrEpc'),
		copyLabel: tr('portal.transfer.copy'),
		copiedLabel: tr('portal.transfer.copied')
	};
}
