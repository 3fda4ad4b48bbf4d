/**
 * The placement template's columns explained (issue 20): for each column whether it is required,
 * its format and an example, shown as a table on the placements page and downloadable as a second
 * file ("the template's columns explained"), so the template itself stays exactly what the
 * importer reads. Pure: texts come from the i18n keys `placement.guide.*`.
 */
import { csvRow, csvStart, type CsvFormat } from './csv-format';
import { PLACEMENT_COLUMNS, TEMPLATE_ROWS, type PlacementColumn } from './placement';

/** 'yes', 'no', or required only for a person / a company debtor. */
export type Requirement = 'yes' | 'no' | 'person' | 'company';

const REQUIREMENT: Record<PlacementColumn, Requirement> = {
	reference: 'yes',
	debtor_type: 'yes',
	debtor_name: 'yes',
	birth_date: 'person',
	tax_number: 'company',
	postal_code: 'yes',
	city: 'yes',
	address: 'yes',
	email: 'no',
	phone: 'no',
	currency: 'yes',
	due_date: 'yes',
	principal: 'yes',
	interest: 'yes',
	fees: 'yes',
	costs: 'yes',
	total: 'yes',
	description: 'no'
};

export interface GuideRow {
	column: PlacementColumn;
	required: Requirement;
	/** i18n key of the column's format */
	formatKey: string;
	/** from the template's example rows (a company's tax number from the second) */
	example: string;
}

export function placementGuide(): GuideRow[] {
	return PLACEMENT_COLUMNS.map((column, i) => ({
		column,
		required: REQUIREMENT[column],
		formatKey: `placement.guide.format.${column}`,
		example: TEMPLATE_ROWS[0][i] || TEMPLATE_ROWS[1][i] || ''
	}));
}

type Tr = (key: string) => string;

/** The guide as a file in the format: heading row, then one row per column of the template. */
export function placementGuideCsv(tr: Tr, format: CsvFormat): string {
	return (
		csvStart(format) +
		csvRow(
			['column', 'required', 'format', 'example'].map((h) => tr(`placement.guide.col.${h}`)),
			format
		) +
		placementGuide()
			.map((r) =>
				csvRow(
					[r.column, tr(`placement.guide.required.${r.required}`), tr(r.formatKey), r.example],
					format
				)
			)
			.join('')
	);
}
