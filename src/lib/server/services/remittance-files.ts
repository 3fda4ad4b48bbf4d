/**
 * A remittance statement as files: a PDF for the creditor's records and a CSV for their
 * accounting, either for Hungarian Excel (';' between fields, decimal comma, words in the reader's
 * language) or plain (',' and a decimal point). Both are drawn from `remittanceFor`'s result.
 */
import { BOM, csvLine } from '$lib/domain/csv';
import { formatMoney, minorToDecimalString } from '$lib/domain/money';
import type { StatementRow, StatementTotals } from '$lib/domain/remittance';
import { translate, type Lang, type MessageKey } from '$lib/i18n';
import { writeDocument, type PdfFile } from '../pdf';
import type { Remittance } from './remittance';

const AMOUNTS = ['collected', 'refunded', 'agencyFees', 'commission', 'net'] as const;

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
		w.text(tr('remittance.period', { from: r.period.from, to: r.period.to }));
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
			const cols = [300, 380, 460, w.right];
			w.cells(
				[
					{ text: tr('remittance.col.reference'), x: 56 },
					...(['collected', 'refunded', 'commission', 'net'] as const).map((a, i) => ({
						text: tr(`remittance.col.${a}`),
						x: cols[i],
						align: 'right' as const
					}))
				],
				8
			);
			for (const x of r.statement.rows)
				w.cells(
					[
						{ text: x.reference, x: 56 },
						...(['collected', 'refunded', 'commission', 'net'] as const).map((a, i) => ({
							text: formatMoney(x[a], x.currency, lang),
							x: cols[i],
							align: 'right' as const
						}))
					],
					8,
					3
				);
		}
	});
}
