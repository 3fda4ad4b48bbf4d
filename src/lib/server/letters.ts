/**
 * A printed letter (issue 17, item 1): print-ready A4 for a window envelope, drawn by the one PDF
 * writer (pdf.ts, `writeLaidOutPdf`), one or many letters in one document (the daily print batch).
 *
 * Layout: DIN 5008 form B (the common "Form B" of window letters; DL and C5/6 envelopes with the
 * window on the left). All positions from the sheet's top-left corner:
 * - letterhead in the top 45 mm;
 * - the address field 20 mm from the left, 45 mm from the top, 85 × 45 mm: its top 17.7 mm are the
 *   return-address zone (our address, small, so the post can return it), the 27.3 mm below hold
 *   the recipient in Hungarian order: name / street and number / postal code and city;
 * - the information block (date, case reference, creditor) 125 mm from the left, beside it;
 * - fold marks at 105 mm and 210 mm and the punch mark at 148.5 mm on the left edge;
 * - the text from 98.5 mm down, 25 mm from the left, 20 mm from the right.
 * Under the text: the personal portal link with a QR code to it, and the bank-transfer details
 * with the payment QR (MNB for HUF, EPC for EUR) unless the letter asks for no payment (an answer,
 * an offer to accept on the portal, the settlement). Text that runs over continues on a new page.
 */
import { encode } from 'uqr';
import { translate, type Lang, type MessageKey } from '$lib/i18n';
import { formatShortDate } from '$lib/format';
import { formatMoney, type Currency } from '$lib/domain/money';
import { groupIban } from '$lib/domain/payment-qr';
import { writeLaidOutPdf } from './pdf';

const MM = 72 / 25.4;
const PAGE_H = 297 * MM;
const LEFT = 25 * MM;
const RIGHT = (210 - 20) * MM;
const WIDTH = RIGHT - LEFT;
const BOTTOM = (297 - 20) * MM;
const INK = '#1a1f24';
const GREY = '#555b61';

export interface LetterContent {
	lang: Lang;
	/** the letter's date, 'YYYY-MM-DD' */
	date: string;
	recipient: { name: string; address: string; postalCode: string; city: string };
	reference: string;
	creditorName: string;
	/** the rendered template: heading and text (the exact text stored with the message) */
	subject: string;
	body: string;
	/** absolute URL of the personal portal link minted for this letter */
	portalUrl: string;
	/** null: the letter asks for no payment, and shows no transfer details */
	payment: {
		currency: Currency;
		amountMinor: number;
		accountName: string;
		iban: string;
		bic: string;
		/** the MNB (HUF) or EPC (EUR) payload */
		qrPayload: string;
	} | null;
}

/** Recipient lines in Hungarian order: name / street and number / postal code and city. */
export function addressLines(r: LetterContent['recipient']): string[] {
	return [r.name, r.address, `${r.postalCode} ${r.city}`].map((l) => l.trim()).filter(Boolean);
}

/** A QR code as filled squares, `size` points wide, top-left at (x, y); a quiet zone is the caller's. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number) {
	const qr = encode(text, { ecc: 'M', border: 0 });
	const cell = size / qr.size;
	doc.save();
	doc.fillColor('#000000');
	qr.data.forEach((row, r) =>
		row.forEach((dark, c) => {
			// a hair wider than the cell, so neighbouring squares print without white seams
			if (dark) doc.rect(x + c * cell, y + r * cell, cell + 0.05, cell + 0.05);
		})
	);
	doc.fill();
	doc.restore();
}

function marks(doc: PDFKit.PDFDocument) {
	doc.save().lineWidth(0.4).strokeColor(GREY);
	for (const [y, len] of [
		[105, 5],
		[148.5, 8],
		[210, 5]
	] as const)
		doc
			.moveTo(3 * MM, y * MM)
			.lineTo((3 + len) * MM, y * MM)
			.stroke();
	doc.restore();
}

/** The bank-transfer details with the payment QR, `qr` points wide, from (px, y). */
function drawTransfer(
	doc: PDFKit.PDFDocument,
	l: LetterContent,
	p: NonNullable<LetterContent['payment']>,
	px: number,
	y: number,
	qr: number
) {
	const tr = (key: MessageKey) => translate(l.lang, key);
	const half = WIDTH / 2;
	doc.fontSize(9.5).text(tr('letters.pdf.transferTitle'), px, y, { width: half });
	drawQr(doc, p.qrPayload, px, y + 6 * MM, qr);
	const tx = px + qr + 4 * MM;
	const tw = RIGHT - tx;
	doc.y = y + 6 * MM;
	for (const [label, value] of [
		[tr('letters.pdf.beneficiary'), p.accountName],
		[tr('letters.pdf.iban'), groupIban(p.iban)],
		[tr('letters.pdf.amount'), formatMoney(p.amountMinor, p.currency, l.lang)],
		[tr('letters.pdf.remittance'), l.reference]
	]) {
		doc.fontSize(7).fillColor(GREY).text(label, tx, doc.y, { width: tw });
		doc.fontSize(8.5).fillColor(INK).text(value, tx, doc.y, { width: tw });
		doc.y += 2;
	}
	doc
		.fontSize(7)
		.fillColor(GREY)
		.text(
			tr(p.currency === 'HUF' ? 'letters.pdf.qrMnb' : 'letters.pdf.qrEpc'),
			px,
			y + 6 * MM + qr + 3 * MM,
			{ width: half }
		)
		.fillColor(INK);
}

/** Draws one letter, starting on a new page; returns the number of pages it took. */
export function drawLetter(doc: PDFKit.PDFDocument, l: LetterContent): number {
	const tr = (key: MessageKey, params?: Record<string, string | number>) =>
		translate(l.lang, key, params);
	let pages = 0;
	const count = () => pages++;
	doc.on('pageAdded', count);
	try {
		doc.addPage();
		doc.fillColor(INK);
		marks(doc);

		// letterhead
		doc.fontSize(16).text(tr('app.agency'), LEFT, 15 * MM, { width: WIDTH, lineBreak: false });
		doc
			.fontSize(8)
			.fillColor(GREY)
			.text(tr('letters.pdf.head'), LEFT, 23 * MM, { width: WIDTH })
			.fillColor(INK);

		// address field, DIN 5008 form B: 20 mm / 45 mm, 85 x 45 mm
		const ax = 20 * MM + 5 * MM; // 5 mm inside the field, as the standard's text start
		doc
			.fontSize(7)
			.fillColor(GREY)
			.text(tr('letters.pdf.returnAddress'), ax, (45 + 12) * MM, {
				width: 75 * MM,
				lineBreak: false,
				underline: true
			})
			.fillColor(INK);
		doc.fontSize(10.5);
		let ay = (45 + 17.7) * MM + 2;
		for (const line of addressLines(l.recipient)) {
			doc.text(line, ax, ay, { width: 75 * MM, lineBreak: false, ellipsis: true });
			ay += doc.currentLineHeight() + 2;
		}

		// information block
		const ix = 125 * MM;
		let iy = 50 * MM;
		for (const [label, value] of [
			[tr('letters.pdf.date'), formatShortDate(l.date, l.lang)],
			[tr('letters.pdf.reference'), l.reference],
			[tr('letters.pdf.creditor'), l.creditorName]
		]) {
			doc
				.fontSize(7.5)
				.fillColor(GREY)
				.text(label, ix, iy, { width: 65 * MM });
			doc
				.fontSize(9.5)
				.fillColor(INK)
				.text(value, ix, doc.y, { width: 65 * MM });
			iy = doc.y + 4;
		}

		// heading and text
		doc.fontSize(13).text(l.subject, LEFT, 98.5 * MM, { width: WIDTH });
		doc.moveDown(0.6);
		doc.fontSize(10.5).text(l.body, LEFT, doc.y, { width: WIDTH, lineGap: 2 });

		// the portal link and the bank transfer, side by side, 33 mm QR codes
		const qr = 30 * MM;
		const boxH = qr + 22 * MM;
		let y = doc.y + 8 * MM;
		if (y + boxH > BOTTOM) {
			doc.addPage();
			marks(doc);
			y = 20 * MM;
		}
		const half = WIDTH / 2;
		// without the transfer details beside it, the portal's title and link take the whole width
		const portalWidth = l.payment ? half - 6 * MM : WIDTH;
		doc.fontSize(9.5).text(tr('letters.pdf.portalTitle'), LEFT, y, { width: portalWidth });
		drawQr(doc, l.portalUrl, LEFT, y + 6 * MM, qr);
		doc
			.fontSize(8)
			.text(l.portalUrl, LEFT, y + 6 * MM + qr + 3 * MM, { width: portalWidth })
			.fillColor(INK);

		if (l.payment) drawTransfer(doc, l, l.payment, LEFT + half, y, qr);

		// footer on the last page, below the margin where running text stops
		doc.page.margins.bottom = 0;
		doc
			.fontSize(7)
			.fillColor(GREY)
			.text(tr('letters.pdf.footer'), LEFT, PAGE_H - 14 * MM, { width: WIDTH, lineBreak: false })
			.fillColor(INK);
	} finally {
		doc.removeListener('pageAdded', count);
	}
	return pages;
}

/** Letters in one PDF, each from a new page; the bytes and each letter's page count. */
export async function lettersPdf(
	title: string,
	letters: readonly LetterContent[]
): Promise<{ bytes: Uint8Array; pages: number[] }> {
	const pages: number[] = [];
	const bytes = await writeLaidOutPdf(title, (doc) => {
		for (const l of letters) pages.push(drawLetter(doc, l));
		if (letters.length === 0) doc.addPage();
	});
	return { bytes, pages };
}
