/**
 * Issue 20, items 1 and 2: the dashboard's currency filter, the status balances and the stage funnel
 * (served from the rollups, equal to the full scan), and the creditor CSVs in the two formats —
 * Excel (hu): ';', decimal comma, BOM; plain: ',', decimal point — with stages and statuses in
 * words in the reader's language, dates as YYYY-MM-DD and the same totals in both.
 */
import { describe, expect, it, beforeEach } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { fixtureDb, type Fixture } from '../helpers/reports-fixtures';
import {
	CHARTS,
	chartCsv,
	chartTable,
	dashboard,
	reportScope,
	served,
	type ReportFilter
} from '../../src/lib/server/services/reports';
import { fullScan } from '../../src/lib/server/services/reports-oracle';
import { exportClaimsCsv, listClaims } from '../../src/lib/server/services/creditor-claims';
import { parseCsv } from '../../src/lib/domain/csv';
import { STAGES, CLAIM_STATUSES } from '../../src/lib/domain/stages';
import { translate } from '../../src/lib/i18n';

const rows = (text: string, d: string) => [...parseCsv(text, d)].map((r) => r.fields);
/** '1 234,50' / '1234.50' back to minor units */
const minor = (s: string) => Math.round(Number(s.replace(',', '.')) * 100);

describe('dashboard: currency filter, balances by status, stage funnel', () => {
	let db: DB;
	let f: Fixture;
	beforeEach(() => ({ db, f } = fixtureDb()));

	it('served figures equal the full scan with a currency filter too', () => {
		const filters: ReportFilter[] = [
			{ currency: 'EUR' },
			{ currency: 'HUF' },
			{ currency: 'HUF', portfolioId: f.p1 },
			{ currency: 'EUR', from: '2026-02' }
		];
		for (const filter of filters) {
			const s = reportScope(db, f.actorA, filter);
			for (const chart of CHARTS)
				expect(served[chart](db, s), `${chart} ${JSON.stringify(filter)}`).toEqual(
					fullScan[chart](db, s)
				);
		}
	});

	it('the currency filter keeps only that currency in the money figures; counts stay whole', () => {
		const all = dashboard(db, f.actorA);
		const eur = dashboard(db, f.actorA, { currency: 'EUR' });
		expect(eur.headline.currencies.map((c) => c.currency)).toEqual(['EUR']);
		expect(eur.headline.currencies[0]).toEqual(all.headline.currencies[0]);
		expect(new Set(eur.statuses.map((s) => s.currency))).toEqual(new Set(['EUR']));
		expect(eur.collected.every((r) => r.currency === 'EUR')).toBe(true);
		expect(eur.aging.every((r) => r.currency === 'EUR')).toBe(true);
		expect(eur.portfolios.every((r) => r.currency === 'EUR')).toBe(true);
		// stage rows are not kept per currency: the funnel and the stage outcomes show every claim
		expect(eur.funnel).toEqual(all.funnel);
		expect(eur.stages).toEqual(all.stages);
		// an unknown currency is no filter rather than an error
		expect(dashboard(db, f.actorA, { currency: 'USD' as 'EUR' }).headline).toEqual(all.headline);
	});

	it('balances by status per currency: in plan and disputed, never summed across currencies', () => {
		const d = dashboard(db, f.actorA);
		// HUF: c1 paid (0 left), c2 in a plan (2 500 000 left), c4 open (1 200 000); EUR: c3 disputed
		expect(d.statuses).toEqual([
			{ currency: 'EUR', status: 'disputed', claims: 1, balanceMinor: 104_000 },
			{ currency: 'HUF', status: 'open', claims: 1, balanceMinor: 1_200_000 },
			{ currency: 'HUF', status: 'in_plan', claims: 1, balanceMinor: 2_500_000 },
			{ currency: 'HUF', status: 'paid', claims: 1, balanceMinor: 0 }
		]);
	});

	it("the funnel reads the engine's stage rows: placed, each stage reached, paid / plan / disputed / legal", () => {
		const d = dashboard(db, f.actorA);
		expect(d.funnel.map((s) => [s.step, s.claims])).toEqual([
			['placed', 4],
			['friendly_reminder', 2],
			['firm_reminder', 1],
			['formal_notice', 0],
			['paid', 1],
			['in_plan', 1],
			['disputed', 1],
			['legal', 0]
		]);
		expect(d.funnel[1].share).toBe(0.5);
		const table = chartTable('funnel', d.funnel, (k, p) => translate('hu', k, p));
		expect(table.rows.map((r) => r[0])).toEqual([
			'Átadva',
			'Baráti emlékeztető',
			'Határozott emlékeztető',
			'Hivatalos felszólítás',
			'Megfizetve',
			'Részletfizetésbe került',
			'Kifogás érkezett',
			'Jogi útra került'
		]);
	});
});

describe('creditor CSVs open right in Hungarian Excel', () => {
	let db: DB;
	let f: Fixture;
	beforeEach(() => ({ db, f } = fixtureDb()));
	const codes = [...STAGES, ...CLAIM_STATUSES, 'moved_on', 'in_plan', 'friendly_reminder'];

	it('chart CSVs: Excel (hu) with BOM, ";" and decimal comma; plain with "," and decimal point; same numbers; words', () => {
		const d = dashboard(db, f.actorA);
		for (const lang of ['hu', 'en'] as const)
			for (const chart of CHARTS) {
				const table = chartTable(chart, d[chart], (k, p) => translate(lang, k, p));
				const excel = chartCsv(table, 'excel');
				const plain = chartCsv(table, 'csv');
				expect(excel.charCodeAt(0)).toBe(0xfeff);
				expect(plain.charCodeAt(0)).not.toBe(0xfeff);
				const x = rows(excel.slice(1), ';');
				const p = rows(plain, ',');
				expect(x.length).toBe(table.rows.length + 1);
				// the same cells, only the decimal separator differs
				expect(x).toEqual(
					p.map((r) => r.map((c) => (/^-?\d+\.\d+$/.test(c) ? c.replace('.', ',') : c)))
				);
				for (const line of x.slice(1))
					for (const cell of line) {
						expect(codes, `${chart} ${lang}: ${cell}`).not.toContain(cell);
						expect(cell).not.toMatch(/^-?\d+\.\d+$/);
					}
			}
		// the headline in Excel: decimal comma, and the totals are the dashboard's
		const head = rows(
			chartCsv(chartTable('headline', d.headline, (k) => translate('hu', k))).slice(1),
			';'
		);
		expect(head[2]).toEqual(['HUF', '3', '175000,00', '138000,00', '78,9', '37000,00', '']);
		const statuses = rows(
			chartCsv(
				chartTable('statuses', d.statuses, (k) => translate('en', k)),
				'csv'
			),
			','
		);
		expect(statuses.slice(1).map((r) => r[1])).toEqual(['Disputed', 'Open', 'In a plan', 'Paid']);
	});

	it('claims export: words in the chosen language, amounts in the format, dates as dates, totals unchanged', () => {
		const list = listClaims(db, f.actorA, { sort: 'reference', dir: 'asc' }).rows;
		const header = [
			'ref',
			'debtor',
			'portfolio',
			'cur',
			'placed',
			'due',
			'stage',
			'status',
			'p',
			'c',
			'b'
		];
		const q = { sort: 'reference', dir: 'asc' } as const;
		const excel = [...exportClaimsCsv(db, f.actorA, q, header)].join('');
		const plainEn = [
			...exportClaimsCsv(db, f.actorA, q, header, { lang: 'en', format: 'csv' })
		].join('');
		expect(excel.startsWith('\uFEFF')).toBe(true);
		expect(plainEn.startsWith('\uFEFF')).toBe(false);
		const x = rows(excel.slice(1), ';').slice(1);
		const p = rows(plainEn, ',').slice(1);
		expect(x.map((r) => r[0])).toEqual(list.map((r) => r.reference));
		expect(p.map((r) => r[0])).toEqual(list.map((r) => r.reference));
		for (const [i, r] of list.entries()) {
			expect(x[i][6]).toBe(translate('hu', `creditor.stage.${r.stage}`));
			expect(x[i][7]).toBe(translate('hu', `creditor.status.${r.status}`));
			expect(p[i][6]).toBe(translate('en', `creditor.stage.${r.stage}`));
			expect(p[i][7]).toBe(translate('en', `creditor.status.${r.status}`));
			for (const row of [x[i], p[i]]) {
				expect(row[4]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				expect(row[5]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				expect(codes).not.toContain(row[6]);
				expect(codes).not.toContain(row[7]);
			}
			expect(x[i].slice(8)).toEqual(x[i].slice(8).map((c) => c.replace('.', ',')));
			expect(x[i][8]).toMatch(/^\d+,\d{2}$/);
			expect(p[i][8]).toMatch(/^\d+\.\d{2}$/);
		}
		// totals: the same sums in both formats, and the list's own
		for (const [col, key] of [
			[8, 'placedMinor'],
			[9, 'collectedMinor'],
			[10, 'balanceMinor']
		] as const) {
			const want = list.reduce((a, r) => a + r[key], 0);
			expect(x.reduce((a, r) => a + minor(r[col]), 0)).toBe(want);
			expect(p.reduce((a, r) => a + minor(r[col]), 0)).toBe(want);
		}
	});
});
