/**
 * PDFs for the debtor: a payment receipt, and the settlement certificate (C10) once the balance is
 * zero. pdf-lib with the DejaVu font embedded, so ő and ű print correctly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { and, eq, lte } from 'drizzle-orm';
import { formatDate } from '$lib/format';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import { formatMoney, type Currency } from '$lib/domain/money';
import { statementOf, type LedgerLine } from '$lib/domain/ledger';
import { translate, type Lang, type MessageKey } from '$lib/i18n';
import type { DB } from '../db/client';
import {
	claims,
	creditors,
	debtors,
	ledgerEntries,
	payments,
	settlementCertificates
} from '../db/schema';
import { NotFoundError } from './errors';
import { debtorIdOf } from './actor';

let fontBytes: Buffer | undefined;
function font(): Buffer {
	if (!fontBytes) {
		const p =
			process.env.RENDEZ_PDF_FONT ||
			path.resolve('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
		fontBytes = fs.readFileSync(p);
	}
	return fontBytes;
}

class Writer {
	y = 790;
	constructor(
		private page: PDFPage,
		private f: PDFFont
	) {}
	line(text: string, size = 11, gap = 6) {
		this.page.drawText(text, { x: 56, y: this.y, size, font: this.f, color: rgb(0.1, 0.12, 0.14) });
		this.y -= size + gap;
	}
	/** Running text, wrapped at the right margin (a name or a date of any length stays on the page); '\n' starts a new line. */
	paragraph(text: string, size = 11) {
		const width = 539 - 56;
		for (const para of text.split('\n')) {
			let line = '';
			for (const word of para.split(' ')) {
				const next = line ? `${line} ${word}` : word;
				if (line && this.f.widthOfTextAtSize(next, size) > width) {
					this.line(line, size);
					line = word;
				} else line = next;
			}
			this.line(line, size);
		}
	}
	row(label: string, value: string, size = 11) {
		this.page.drawText(label, { x: 56, y: this.y, size, font: this.f });
		const w = this.f.widthOfTextAtSize(value, size);
		this.page.drawText(value, { x: 539 - w, y: this.y, size, font: this.f });
		this.y -= size + 6;
	}
	space(n = 10) {
		this.y -= n;
	}
}

async function newDoc(title: string) {
	const doc = await PDFDocument.create();
	doc.registerFontkit(fontkit);
	const f = await doc.embedFont(font(), { subset: true });
	doc.setTitle(title);
	doc.setProducer('Rendez');
	doc.setCreator('Rendez');
	const page = doc.addPage([595, 842]);
	return { doc, w: new Writer(page, f) };
}

export async function receiptPdf(
	db: DB,
	actor: Actor,
	paymentId: number,
	lang: Lang
): Promise<{ bytes: Uint8Array; filename: string }> {
	const debtorId = debtorIdOf(actor);
	const tr = (k: MessageKey, p?: Record<string, string | number>) => translate(lang, k, p);
	const row = db
		.select({
			p: payments,
			reference: claims.reference,
			creditor: creditors.name,
			debtorName: debtors.name
		})
		.from(payments)
		.innerJoin(claims, eq(claims.id, payments.claimId))
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.innerJoin(debtors, eq(debtors.id, payments.debtorId))
		.where(and(eq(payments.id, paymentId), eq(payments.debtorId, debtorId)))
		.get();
	if (!row || row.p.status !== 'succeeded' || !row.p.receiptNumber)
		throw new NotFoundError('receipt');
	const p = row.p;
	const cur = p.currency as Currency;
	const lines = db.select().from(ledgerEntries).where(eq(ledgerEntries.paymentId, p.id)).all();
	const { doc, w } = await newDoc(tr('payments.receipt.title'));
	w.line(tr('app.agency'), 10);
	w.space(10);
	w.line(tr('payments.receipt.title'), 18, 12);
	w.row(tr('payments.receipt.number'), p.receiptNumber!);
	w.row(tr('payments.receipt.date'), formatDate(localDate(p.completedAt ?? p.createdAt), lang));
	w.row(tr('payments.receipt.payer'), row.debtorName);
	w.row(tr('portal.claim.creditor'), row.creditor);
	w.row(tr('portal.claim.reference'), row.reference);
	w.row(tr('payments.receipt.amount'), formatMoney(p.amountMinor, cur, lang), 13);
	w.space();
	w.line(tr('payments.receipt.allocation'), 12);
	for (const c of ['cost', 'fee', 'interest', 'principal'] as const) {
		const amt = -lines
			.filter((l) => l.kind === 'payment' && l.component === c)
			.reduce((a, l) => a + l.amountMinor, 0);
		if (amt > 0) w.row(tr(`portal.component.${c}`), formatMoney(amt, cur, lang));
	}
	const allocated = -lines
		.filter((l) => l.kind === 'payment')
		.reduce((a, l) => a + l.amountMinor, 0);
	if (p.amountMinor > allocated)
		w.row(tr('payments.receipt.overpayment'), formatMoney(p.amountMinor - allocated, cur, lang));
	if (p.refundedMinor > 0)
		w.row(tr('payments.receipt.refunded'), formatMoney(p.refundedMinor, cur, lang));
	w.space(16);
	w.line(tr('payments.receipt.footer'), 9);
	return { bytes: await doc.save(), filename: `${p.receiptNumber}.pdf` };
}

export async function certificatePdf(
	db: DB,
	actor: Actor,
	claimId: number,
	lang: Lang
): Promise<{ bytes: Uint8Array; filename: string }> {
	const debtorId = debtorIdOf(actor);
	const tr = (k: MessageKey, p?: Record<string, string | number>) => translate(lang, k, p);
	const row = db
		.select({
			c: claims,
			creditor: creditors.name,
			creditorTax: creditors.taxNumber,
			debtorName: debtors.name,
			cert: settlementCertificates
		})
		.from(claims)
		.innerJoin(creditors, eq(creditors.id, claims.creditorId))
		.innerJoin(debtors, eq(debtors.id, claims.debtorId))
		.innerJoin(settlementCertificates, eq(settlementCertificates.claimId, claims.id))
		// only while nothing is owed: a refund that re-opened the claim withdraws it until payoff
		.where(and(eq(claims.id, claimId), eq(claims.debtorId, debtorId), lte(claims.balanceMinor, 0)))
		.get();
	if (!row) throw new NotFoundError('certificate');
	const cur = row.c.currency as Currency;
	const st = statementOf(
		db.select().from(ledgerEntries).where(eq(ledgerEntries.claimId, claimId)).all() as LedgerLine[]
	);
	const paid = st.paid.principal + st.paid.interest + st.paid.fee + st.paid.cost;
	const { doc, w } = await newDoc(tr('portal.certificate.title'));
	w.line(tr('app.agency'), 10);
	w.space(10);
	w.line(tr('portal.certificate.title'), 18, 12);
	w.row(tr('portal.certificate.number'), row.cert.number);
	w.row(tr('portal.certificate.issued'), formatDate(localDate(row.cert.issuedAt), lang));
	w.space();
	w.row(tr('payments.receipt.payer'), row.debtorName);
	w.row(tr('portal.claim.creditor'), `${row.creditor} (${row.creditorTax})`);
	w.row(tr('portal.claim.reference'), row.c.reference);
	w.row(tr('portal.breakdown.paid'), formatMoney(paid, cur, lang));
	w.row(tr('portal.breakdown.balance'), formatMoney(st.total, cur, lang), 13);
	w.space(12);
	w.paragraph(
		tr('portal.certificate.body', {
			reference: row.c.reference,
			creditor: row.creditor,
			date: localDate(row.cert.issuedAt)
		})
	);
	w.space(16);
	w.line(tr('app.agency'), 11);
	return { bytes: await doc.save(), filename: `${row.cert.number}.pdf` };
}
