/**
 * The agreed plan as a PDF for its debtor (the one PDF writer, server/pdf.ts).
 */
import { formatShortDate } from '$lib/format';
import { eq } from 'drizzle-orm';
import type { Lang } from '$lib/i18n';
import type { Actor } from '$lib/domain/actor';
import { localDate } from '$lib/domain/clock';
import { formatMoney, type Currency } from '$lib/domain/money';
import { parseRules } from '$lib/domain/rules';
import type { DB } from '../db/client';
import { debtors } from '../db/schema';
import { NotFoundError } from './errors';
import { writeDocument, type PdfFile } from '../pdf';
import { agreedPlanOf, installmentsOf, creditorNameOf } from './plan-common';
import { debtorClaim } from './claim-state';

// ------------------------------------------------------------------------------------------------
// PDF data

/** What the confirmation PDF shows, scoped to the debtor. */
export function planPdfData(db: DB, actor: Actor, claimId: number) {
	const claim = debtorClaim(db, actor, claimId);
	const plan = agreedPlanOf(db, claim.id);
	if (!plan) throw new NotFoundError('plan');
	const debtor = db
		.select({ name: debtors.name })
		.from(debtors)
		.where(eq(debtors.id, claim.debtorId))
		.get()!;
	const creditorName = creditorNameOf(db, claim.creditorId);
	const rows = installmentsOf(db, plan.id);
	return {
		plan,
		installments: rows,
		claim: { reference: claim.reference, currency: claim.currency as Currency },
		debtorName: debtor.name,
		creditorName,
		graceDays: parseRules(plan.rulesJson).graceDays
	};
}

// ------------------------------------------------------------------------------------------------
// The confirmation PDF

/** The agreed plan and its schedule as a PDF (the one PDF writer, server/pdf.ts). */
export async function planPdf(db: DB, actor: Actor, claimId: number, lang: Lang): Promise<PdfFile> {
	const d = planPdfData(db, actor, claimId);
	const money = (m: number) => formatMoney(m, d.claim.currency, lang);
	const filename = `reszletfizetes-${d.claim.reference.replace(/[^A-Za-z0-9-]/g, '_')}.pdf`;
	return writeDocument(lang, 'plans.pdf.title', filename, (w, tr) => {
		w.text(tr('plans.pdf.claim', { reference: d.claim.reference }));
		w.text(tr('plans.pdf.creditor', { creditor: d.creditorName }));
		w.text(tr('plans.pdf.debtor', { name: d.debtorName }));
		w.text(tr('plans.pdf.agreed', { date: localDate(d.plan.decidedAt ?? d.plan.createdAt) }));
		w.text(tr('plans.pdf.total', { amount: money(d.plan.totalMinor) }), 12, 16);
		const columns = (seq: string, due: string, amount: string, gap: number) =>
			w.cells(
				[
					{ text: seq, x: 56 },
					{ text: due, x: 200 },
					{ text: amount, x: w.right, align: 'right' }
				],
				11,
				gap
			);
		columns(tr('plans.schedule.seq'), tr('plans.schedule.due'), tr('plans.schedule.amount'), 5);
		for (const r of d.installments)
			columns(
				r.seq === 0 ? tr('plans.inst.down') : String(r.seq),
				formatShortDate(r.dueDate, lang),
				money(r.amountMinor),
				4
			);
		w.space(10);
		w.text(tr('plans.pdf.footer', { grace: d.graceDays }), 10, 4);
	});
}
