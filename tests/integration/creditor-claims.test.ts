import { describe, expect, it } from 'vitest';
import { fixtureDb, addClaim } from '../helpers/reports-fixtures';
import { useWorld } from '../helpers/world';
import {
	listClaims,
	exportClaimsCsv,
	getClaimDetail
} from '../../src/lib/server/services/creditor-claims';
import { NotFoundError } from '../../src/lib/server/services/errors';
import { writeTx } from '../../src/lib/server/services/tx';
import { parseCsv } from '../../src/lib/domain/csv';

describe('creditor claim list and detail', () => {
	const w = useWorld(fixtureDb);

	const refs = (q: Parameters<typeof listClaims>[2], actor = w.f.actorA) =>
		listClaims(w.db, actor, q).rows.map((r) => r.reference);

	it("lists only the creditor's own claims, with filters", () => {
		expect(refs({ sort: 'reference', dir: 'asc' })).toEqual(['A-001', 'A-002', 'A-003', 'A-004']);
		expect(refs({ sort: 'reference', dir: 'asc' }, w.f.actorB)).toEqual(['B-001']);
		expect(refs({ status: 'in_plan' })).toEqual(['A-002']);
		expect(refs({ stage: 'friendly_reminder' })).toEqual(['A-001']);
		expect(refs({ portfolioId: w.f.p2 })).toEqual(['A-004']);
		expect(() => listClaims(w.db, w.f.actorB, { portfolioId: w.f.p1 })).toThrow(NotFoundError);
	});

	it('searches by reference prefix, debtor name (any first-letter case) or status word', () => {
		expect(refs({ q: 'A-00', sort: 'reference', dir: 'asc' })).toEqual([
			'A-001',
			'A-002',
			'A-003',
			'A-004'
		]);
		expect(refs({ q: 'a-003' })).toEqual(['A-003']);
		expect(refs({ q: 'kovács', sort: 'reference', dir: 'asc' })).toEqual(['A-001', 'A-004']);
		expect(refs({ q: 'Nagy' })).toEqual(['A-002']);
		expect(refs({ q: 'disputed' })).toEqual(['A-003']);
		expect(refs({ q: 'Béta' })).toEqual([]); // creditor B's debtor
	});

	it('takes a status in words, as the list shows it in either language', () => {
		for (const q of ['kifogás alatt', 'Kifogás alatt', 'disputed', 'Disputed'])
			expect(refs({ q }), q).toEqual(['A-003']);
		expect(refs({ q: 'Részletfizetés' })).toEqual(['A-002']);
		expect(refs({ q: 'In a plan' })).toEqual(['A-002']);
	});

	it('sorts by balance both ways and pages by keyset without gaps or repeats', () => {
		writeTx(w.db, () => {
			for (let i = 0; i < 23; i++)
				addClaim(w.db, {
					creditorId: w.f.a,
					portfolioId: w.f.p2,
					reference: `K-${String(i).padStart(3, '0')}`,
					currency: 'HUF',
					placedDate: '2026-02-05',
					dueDate: '2026-01-01',
					charges: { principal: 100_000 * ((i % 5) + 1) }
				});
		});
		for (const sort of ['balance', 'reference', 'due', 'placed'] as const)
			for (const dir of ['asc', 'desc'] as const) {
				const all = listClaims(w.db, w.f.actorA, { sort, dir, limit: 1000 }).rows;
				const seen: number[] = [];
				let after: string | null = null;
				do {
					const page = listClaims(w.db, w.f.actorA, { sort, dir, limit: 4, after });
					seen.push(...page.rows.map((r) => r.id));
					after = page.next;
				} while (after);
				expect(seen, `${sort} ${dir}`).toEqual(all.map((r) => r.id));
				expect(seen).toHaveLength(27);
			}
		const bal = listClaims(w.db, w.f.actorA, { sort: 'balance', dir: 'desc', limit: 3 }).rows.map(
			(r) => r.balanceMinor
		);
		expect(bal).toEqual([2_500_000, 1_200_000, 500_000]);
	});

	const HEADERS = [
		'Hivatkozás',
		'Adós',
		'Portfólió',
		'Pénznem',
		'Átadva',
		'Esedékes',
		'Szakasz',
		'Állapot',
		'Átadott',
		'Beszedett',
		'Egyenleg'
	];
	it('exports the filtered list as UTF-8 CSV with BOM, in the same order (Excel hu: words, decimal comma)', () => {
		const text = [
			...exportClaimsCsv(w.db, w.f.actorA, { q: 'Kovács', sort: 'reference', dir: 'asc' }, HEADERS)
		].join('');
		expect(text.startsWith('\uFEFF')).toBe(true);
		const rows = [...parseCsv(text.slice(1), ';')].map((r) => r.fields);
		expect(rows).toEqual([
			HEADERS,
			[
				'A-001',
				'Kovács Anna',
				'Alfa 2026/01',
				'HUF',
				'2026-01-10',
				'2025-12-01',
				'Baráti emlékeztető',
				'Rendezett',
				'105000,00',
				'105000,00',
				'0,00'
			],
			[
				'A-004',
				'Kovács Dénes',
				'Alfa 2026/02',
				'HUF',
				'2026-02-05',
				'2026-01-20',
				'Új',
				'Nyitott',
				'20000,00',
				'8000,00',
				'12000,00'
			]
		]);
		expect(() => [...exportClaimsCsv(w.db, w.f.actorB, { portfolioId: w.f.p1 }, [])]).toThrow(
			NotFoundError
		);
	});

	it("claim detail: breakdown, payments, stage history, contacts, plan; another creditor's claim is not found", () => {
		const d = getClaimDetail(w.db, w.f.actorA, w.f.c2);
		expect(d.claim.reference).toBe('A-002');
		expect(d.statement.balance.principal).toBe(2_500_000);
		expect(d.statement.paid.principal).toBe(2_500_000);
		expect(d.payments.map((p) => p.amountMinor)).toEqual([2_500_000]);
		expect(d.stages.map((s) => [s.stage, s.outcome])).toEqual([
			['new', 'moved_on'],
			['friendly_reminder', 'moved_on'],
			['firm_reminder', 'in_plan']
		]);
		expect(d.contacts.map((c) => [c.channel, c.outcome])).toEqual([
			['call', 'conversation'],
			['call', 'blocked']
		]);
		expect(d.plans[0].installments.map((i) => [i.seq, i.status])).toEqual([
			[1, 'paid'],
			[2, 'due']
		]);
		expect(() => getClaimDetail(w.db, w.f.actorB, w.f.c2)).toThrow(NotFoundError);
		expect(() => getClaimDetail(w.db, w.f.actorA, w.f.cb)).toThrow(NotFoundError);
		expect(() => getClaimDetail(w.db, w.f.actorA, 987654)).toThrow(NotFoundError);
	});
});
