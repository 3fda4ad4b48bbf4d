/**
 * PDFs for the debtor: a payment receipt, and the settlement certificate (C10) once the balance is
 * zero, drawn with the one PDF writer (server/pdf.ts).
 */
import { and, eq, lte } from 'drizzle-orm';
import { formatDate } from '$lib/format';
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import { formatMoney, type Currency } from '$lib/domain/money';
import { statementOf, type LedgerLine } from '$lib/domain/ledger';
import type { Lang } from '$lib/i18n';
import type { DB } from '../db/client';
import {
	claims,
	creditors,
	debtors,
	ledgerEntries,
	payments,
	settlementCertificates
} from '../db/schema';
import { writeDocument, type PdfFile } from '../pdf';
import { NotFoundError } from './errors';
import { debtorInScope } from './owned';
import { balanceAfterPayment } from './payment-views';
import { settledByAgreement } from './settlement-offers';

/** Who a document names: its claim's reference, the creditor and the debtor (joined by each query). */
const parties = { reference: claims.reference, creditor: creditors.name, debtorName: debtors.name };

export async function receiptPdf(
	db: DB,
	actor: Actor,
	paymentId: number,
	lang: Lang
): Promise<PdfFile> {
	const debtorId = debtorInScope(db, actor, 'payment', paymentId);
	const row = db
		.select({ p: payments, ...parties })
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
	const remaining = balanceAfterPayment(db, p.id);
	return writeDocument(lang, 'payments.receipt.title', `${p.receiptNumber}.pdf`, (w, tr) => {
		w.row(tr('payments.receipt.number'), p.receiptNumber!);
		// the day it was paid: the day a transfer arrived or the debtor paid the creditor, else posted
		const paidOn = p.arrivedOn ?? localDate(p.completedAt ?? p.createdAt);
		w.row(tr('payments.receipt.date'), formatDate(paidOn, lang));
		w.row(tr('payments.receipt.payer'), row.debtorName);
		w.row(tr('portal.claim.creditor'), row.creditor);
		w.row(tr('portal.claim.reference'), row.reference);
		w.row(tr('payments.receipt.amount'), formatMoney(p.amountMinor, cur, lang), 13);
		if (p.gateway === 'direct') w.text(tr('payments.receipt.direct'), 10);
		w.space();
		w.text(tr('payments.receipt.allocation'), 12);
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
		// what remained to pay right after this payment (zero when it settled the claim)
		w.space();
		w.text(
			tr('payments.result.remaining', {
				amount: formatMoney(Math.max(0, remaining ?? 0), cur, lang)
			})
		);
		w.space(16);
		w.text(tr('payments.receipt.footer'), 9);
	});
}

export async function certificatePdf(
	db: DB,
	actor: Actor,
	claimId: number,
	lang: Lang
): Promise<PdfFile> {
	const debtorId = debtorInScope(db, actor, 'claim', claimId);
	const row = db
		.select({
			c: claims,
			...parties,
			creditorTax: creditors.taxNumber,
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
	const agreed = settledByAgreement(db, claimId);
	return writeDocument(lang, 'portal.certificate.title', `${row.cert.number}.pdf`, (w, tr) => {
		w.row(tr('portal.certificate.number'), row.cert.number);
		w.row(tr('portal.certificate.issued'), formatDate(localDate(row.cert.issuedAt), lang));
		w.space();
		w.row(tr('payments.receipt.payer'), row.debtorName);
		w.row(tr('portal.claim.creditor'), `${row.creditor} (${row.creditorTax})`);
		w.row(tr('portal.claim.reference'), row.c.reference);
		w.row(tr('portal.breakdown.paid'), formatMoney(paid, cur, lang));
		if (agreed > 0) w.row(tr('portal.certificate.discount'), formatMoney(agreed, cur, lang));
		w.row(tr('portal.breakdown.balance'), formatMoney(st.total, cur, lang), 13);
		w.space(12);
		w.text(
			tr('portal.certificate.body', {
				reference: row.c.reference,
				creditor: row.creditor,
				date: localDate(row.cert.issuedAt)
			})
		);
		// settled by agreement (a settlement offer taken): said so, with what was waived
		if (agreed > 0)
			w.text(tr('portal.certificate.agreement', { discount: formatMoney(agreed, cur, lang) }));
		w.space(16);
		w.text(tr('app.agency'), 11);
	});
}
