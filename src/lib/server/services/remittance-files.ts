/**
 * A remittance statement as files: a PDF for the creditor's records and a CSV for their
 * accounting, either for Hungarian Excel (';' between fields, decimal comma, words in the reader's
 * language) or plain (',' and a decimal point). Both are drawn from `remittanceFor`'s result.
 */
import { BOM, csvLine } from '$lib/domain/csv';
import { formatMoney, minorToDecimalString } from '$lib/domain/money';
import {
	STATEMENT_AMOUNTS as AMOUNTS,
	type StatementRow,
	type StatementTotals
} from '$lib/domain/remittance';
import { translate, type Lang, type MessageKey } from '$lib/i18n';
import { writeDocument, type PdfFile } from '../pdf';
import { formatDate } from '$lib/format';
import type { Remittance } from './remittance';

const fileName = (r: Remittance, ext: string) =>
	`elszamolas-${r.creditor.id}-${r.period.from}-${r.period.to}.${ext}`;

/** The statement as CSV: one line per claim, then one totals line per currency. */
export function remittanceCsv(r: Remittance, lang: Lang, excel: boolean) {
	const d = excel ? ';' : ',';
	const tr = (k: MessageKey) => translate(lang, k);
	const amount = (m: number) => {
		const s = minorToDecimalString(m);
		return excel ? s.replace('.', ',') : s;
	};
	const head = [
		tr('remittance.col.reference'),
		tr('remittance.col.currency'),
		...AMOUNTS.map((a) => tr(`remittance.col.${a}`))
	];
	const line = (first: string, x: StatementRow | StatementTotals) =>
		csvLine([first, x.currency, ...AMOUNTS.map((a) => amount(x[a]))], d);
	const body =
		r.statement.rows.map((x) => line(x.reference, x)).join('') +
		r.statement.totals
			.map((t) => line(translate(lang, 'remittance.totals', { currency: t.currency }), t))
			.join('');
	return {
		text: (excel ? BOM : '') + csvLine(head, d) + body,
		filename: fileName(r, 'csv')
	};
}

/** The statement as a PDF: who, which period, the totals per currency, then every claim. */
export function remittancePdf(r: Remittance, lang: Lang): Promise<PdfFile> {
	return writeDocument(lang, 'remittance.pdf.title', fileName(r, 'pdf'), (w, tr) => {
		w.text(tr('remittance.creditor', { name: r.creditor.name }));
		w.text(
			tr('remittance.period', {
				from: formatDate(r.period.from, lang),
				to: formatDate(r.period.to, lang)
			})
		);
		w.space(8);
		if (!r.statement.rows.length) w.text(tr('remittance.none'));
		for (const t of r.statement.totals) {
			w.text(tr('remittance.totals', { currency: t.currency }), 13, 8);
			w.row(tr('remittance.col.claims'), String(t.claims));
			for (const a of AMOUNTS)
				w.row(tr(`remittance.col.${a}`), formatMoney(t[a], t.currency, lang));
			w.space(8);
		}
		if (r.statement.rows.length) {
			// every amount the web table and the CSVs have, so a claim's line adds up: the reference
			// column, then the amounts right-aligned in equal columns (long headings wrap)
			const refWidth = 104;
			const span = (w.right - 56 - refWidth) / AMOUNTS.length;
			const line = (first: string, amount: (a: (typeof AMOUNTS)[number]) => string, gap: number) =>
				w.cells(
					[
						{ text: first, x: 56, width: refWidth - 6 },
						...AMOUNTS.map((a, i) => ({
							text: amount(a),
							x: 56 + refWidth + span * (i + 1),
							align: 'right' as const,
							width: span - 6
						}))
					],
					// seven amounts across a page: 7 pt keeps "199 203 Ft" inside its column
					7,
					gap
				);
			line(tr('remittance.col.reference'), (a) => tr(`remittance.col.${a}`), 8);
			for (const x of r.statement.rows)
				line(x.reference, (a) => formatMoney(x[a], x.currency, lang), 3);
		}
	});
}
