import { describe, expect, it } from 'vitest';
import { stageFunnel, stageOutcomeTable, statusBalances } from '../../src/lib/domain/reports';
import { cellTextIn, chartCsv } from '../../src/lib/domain/report-tables';
import { csvAmount, csvFormatOf } from '../../src/lib/domain/csv-format';

describe('stage funnel (pure)', () => {
	it('placed, then each reminder stage reached, then paid / plan / disputed summed over stages, legal reached', () => {
		const stages = stageOutcomeTable([
			{ stage: 'new', outcome: 'moved_on', events: 90 },
			{ stage: 'new', outcome: 'paid', events: 10 },
			{ stage: 'friendly_reminder', outcome: 'moved_on', events: 50 },
			{ stage: 'friendly_reminder', outcome: 'paid', events: 20 },
			{ stage: 'friendly_reminder', outcome: 'in_plan', events: 15 },
			{ stage: 'friendly_reminder', outcome: 'open', events: 5 },
			{ stage: 'firm_reminder', outcome: 'disputed', events: 4 },
			{ stage: 'firm_reminder', outcome: 'moved_on', events: 46 },
			{ stage: 'formal_notice', outcome: 'in_plan', events: 6 },
			{ stage: 'formal_notice', outcome: 'moved_on', events: 40 },
			{ stage: 'legal', outcome: 'open', events: 40 }
		]);
		const f = stageFunnel(100, stages);
		expect(f.map((s) => [s.kind, s.step, s.claims])).toEqual([
			['placed', 'placed', 100],
			['stage', 'friendly_reminder', 90],
			['stage', 'firm_reminder', 50],
			['stage', 'formal_notice', 46],
			['outcome', 'paid', 30],
			['outcome', 'in_plan', 21],
			['outcome', 'disputed', 4],
			['outcome', 'legal', 40]
		]);
		expect(f.map((s) => s.share)).toEqual([1, 0.9, 0.5, 0.46, 0.3, 0.21, 0.04, 0.4]);
	});

	it('nothing placed: every step zero, shares unknown (not a division by zero)', () => {
		const f = stageFunnel(0, []);
		expect(f.every((s) => s.claims === 0 && s.share === null)).toBe(true);
		expect(f).toHaveLength(8);
	});

	it('status balances: per currency, in status order, empty rows dropped, never summed across currencies', () => {
		expect(
			statusBalances([
				{ currency: 'HUF', status: 'paid', claims: 2, balanceMinor: 0 },
				{ currency: 'HUF', status: 'in_plan', claims: 1, balanceMinor: 500 },
				{ currency: 'EUR', status: 'in_plan', claims: 1, balanceMinor: 700 },
				{ currency: 'HUF', status: 'in_plan', claims: 2, balanceMinor: 300 },
				{ currency: 'HUF', status: 'disputed', claims: 0, balanceMinor: 0 }
			])
		).toEqual([
			{ currency: 'EUR', status: 'in_plan', claims: 1, balanceMinor: 700 },
			{ currency: 'HUF', status: 'in_plan', claims: 3, balanceMinor: 800 },
			{ currency: 'HUF', status: 'paid', claims: 2, balanceMinor: 0 }
		]);
	});
});

describe('CSV formats', () => {
	it('Excel (hu) by default; amounts and percentages with the format’s decimal separator', () => {
		expect(csvFormatOf(null)).toBe('excel');
		expect(csvFormatOf('csv')).toBe('csv');
		expect(csvFormatOf('xlsx')).toBe('excel');
		expect(csvAmount(-123456, 'excel')).toBe('-1234,56');
		expect(csvAmount(5, 'csv')).toBe('0.05');
		expect(cellTextIn({ p: 0.12345 }, 'excel')).toBe('12,3');
		expect(cellTextIn({ m: 100050, c: 'HUF' }, 'csv')).toBe('1000.50');
		const table = { columns: ['A; b', 'Összeg'], rows: [['x, y', { m: 150, c: 'EUR' as const }]] };
		expect(chartCsv(table)).toBe('\uFEFF"A; b";Összeg\r\nx, y;1,50\r\n');
		expect(chartCsv(table, 'csv')).toBe('A; b,Összeg\r\n"x, y",1.50\r\n');
	});
});

describe('placement template guide', () => {
	it('explains every template column once, required exactly where the importer requires it', async () => {
		const { placementGuide, placementGuideCsv } =
			await import('../../src/lib/domain/placement-guide');
		const { PLACEMENT_COLUMNS, REQUIRED_COLUMNS } = await import('../../src/lib/domain/placement');
		const { translate } = await import('../../src/lib/i18n');
		const { parseCsv } = await import('../../src/lib/domain/csv');
		const g = placementGuide();
		expect(g.map((r) => r.column)).toEqual([...PLACEMENT_COLUMNS]);
		expect(g.filter((r) => r.required === 'yes').map((r) => r.column)).toEqual([
			...REQUIRED_COLUMNS
		]);
		expect(g.find((r) => r.column === 'birth_date')!.required).toBe('person');
		expect(g.find((r) => r.column === 'tax_number')!.required).toBe('company');
		expect(g.find((r) => r.column === 'tax_number')!.example).toBe('12345676-2-42');
		for (const lang of ['hu', 'en'] as const) {
			const csv = placementGuideCsv((k) => translate(lang, k), 'excel');
			expect(csv.charCodeAt(0)).toBe(0xfeff);
			const rows = [...parseCsv(csv.slice(1), ';')].map((r) => r.fields);
			expect(rows).toHaveLength(PLACEMENT_COLUMNS.length + 1);
			expect(rows.slice(1).map((r) => r[0])).toEqual([...PLACEMENT_COLUMNS]);
			// every text translated (no key shown), the required column in words
			expect(csv).not.toContain('placement.guide');
			expect(rows[1][1]).toBe(lang === 'hu' ? 'igen' : 'yes');
		}
	});
});
