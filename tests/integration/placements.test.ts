import { describe, expect, it, beforeEach } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import { fixtureDb, type Fixture } from '../helpers/reports-fixtures';
import {
	createPlacementJob,
	validateJob,
	confirmPlacement,
	cancelPlacement,
	getPlacementJob,
	listPlacementJobs,
	importFile,
	placementTemplate
} from '../../src/lib/server/services/placements';
import {
	ConflictError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';
import { CHARTS, reportScope, served } from '../../src/lib/server/services/reports';
import { fullScan } from '../../src/lib/server/services/reports-oracle';
import { statementFor } from '../../src/lib/server/services/ledger';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { verifyAuditChain } from '../../src/lib/server/services/audit';
import { systemActor } from '../../src/lib/domain/actor';

const H = PLACEMENT_COLUMNS.join(';');
const enc = (s: string) => new TextEncoder().encode(s);
// line 1 header; lines 2.. rows
const FILE = [
	H,
	'N-1;person;Tóth Ödön;1975-04-12;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-01;100000;5000;0;1500;106500;telefon',
	'N-2;person;Tóth Ödön;1975-04-12;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-15;20000;0;0;0;20000;',
	'N-3;company;Rossz Adószám Kft.;;12345678-2-42;6720;Szeged;Kárász u. 5.;;;EUR;2025-10-01;1000;0;40;0;1040;',
	'N-4;company;Jó Adószám Kft.;;12345676-2-42;6720;Szeged;Kárász u. 6.;;;EUR;2025-10-01;1000,50;0;40;0;1040,50;',
	'N-1;person;Másik Ember;1980-01-01;;1111;Budapest;Egy u. 2.;;;HUF;2025-12-01;100;0;0;0;100;',
	'A-001;person;Már Van;1980-01-01;;1111;Budapest;Egy u. 2.;;;HUF;2025-12-01;100;0;0;0;100;',
	'N-5;person;Összeg Hibás;1990-09-09;;1111;Budapest;Egy u. 3.;;;HUF;2025-12-01;100;10;0;0;120;',
	'N-6;person;Kiss Péter;;;1111;Budapest;Egy u. 4.;;;GBP;2025-12-01;100;0;0;0;100;'
].join('\r\n');

async function upload(db: DB, f: Fixture, text: string | Uint8Array, actor = f.actorA) {
	const id = createPlacementJob(db, actor, {
		fileName: 'uj.csv',
		portfolioName: 'Alfa 2026/03',
		bytes: typeof text === 'string' ? enc(text) : text
	});
	return validateJob(db, actor, id);
}

const claimCount = (db: DB) =>
	db.$client.prepare('SELECT count(*) FROM claims').pluck().get() as number;

describe('placement by CSV', () => {
	let db: DB;
	let f: Fixture;
	beforeEach(() => ({ db, f } = fixtureDb()));

	it('shows each bad row with its line number and reason, and places nothing until confirmed', async () => {
		const before = claimCount(db);
		const job = await upload(db, f, FILE);
		expect(job.status).toBe('ready');
		expect([job.totalRows, job.goodRows, job.badRows]).toEqual([8, 3, 5]);
		expect(job.errors.map((e) => [e.line, e.field, e.key])).toEqual([
			[4, 'tax_number', 'placement.err.taxNumber'],
			[6, 'reference', 'placement.err.duplicateInFile'],
			[7, 'reference', 'placement.err.duplicateExisting'],
			[8, 'total', 'placement.err.totalMismatch'],
			[9, 'birth_date', 'placement.err.birthDateRequired'],
			[9, 'currency', 'placement.err.currency']
		]);
		expect(job.errors[1].params).toEqual({ line: 2 });
		expect(claimCount(db)).toBe(before);
		expect(db.$client.prepare('SELECT count(*) FROM portfolios').pluck().get()).toBe(3);

		const r = confirmPlacement(db, f.actorA, job.id);
		expect(r).toMatchObject({ placed: 3, skipped: 5, debtorsCreated: 2, debtorsMatched: 1 });
		expect(claimCount(db)).toBe(before + 3);
		const placed = db.$client
			.prepare(
				'SELECT id, reference, currency, placed_minor, balance_minor, stage, status, placed_date, portfolio_id, debtor_id FROM claims WHERE portfolio_id = ? ORDER BY reference'
			)
			.all(r.portfolioId) as {
			id: number;
			reference: string;
			currency: string;
			placed_minor: number;
			balance_minor: number;
			stage: string;
			status: string;
			placed_date: string;
			debtor_id: number;
		}[];
		expect(
			placed.map((c) => [
				c.reference,
				c.currency,
				c.placed_minor,
				c.balance_minor,
				c.stage,
				c.status,
				c.placed_date
			])
		).toEqual([
			['N-1', 'HUF', 10_650_000, 10_650_000, 'new', 'open', '2026-03-02'],
			['N-2', 'HUF', 2_000_000, 2_000_000, 'new', 'open', '2026-03-02'],
			['N-4', 'EUR', 104_050, 104_050, 'new', 'open', '2026-03-02']
		]);
		// the same person twice in the file is one debtor
		expect(placed[0].debtor_id).toBe(placed[1].debtor_id);
		// the ledger says the same as the cache, itemised
		const s = statementFor(db, placed[0].id);
		expect(s.charged).toEqual({ principal: 10_000_000, interest: 500_000, fee: 0, cost: 150_000 });
		expect(s.total).toBe(10_650_000);
		expect(
			db.$client
				.prepare(
					`SELECT count(*) FROM claim_stage_events WHERE claim_id = ? AND stage = 'new' AND left_at IS NULL`
				)
				.pluck()
				.get(placed[2].id)
		).toBe(1);
		// the portfolio is A's, audited, and the reports see it through the triggers
		expect(
			db.$client.prepare('SELECT creditor_id, name FROM portfolios WHERE id = ?').get(r.portfolioId)
		).toEqual({ creditor_id: f.a, name: 'Alfa 2026/03' });
		expect(
			db.$client
				.prepare(
					`SELECT count(*) FROM audit_log WHERE action IN ('placement.upload', 'placement.validate', 'placement.place')`
				)
				.pluck()
				.get()
		).toBe(3);
		expect(verifyAuditChain(db).ok).toBe(true);
		const scope = reportScope(db, f.actorA, { portfolioId: r.portfolioId });
		for (const chart of CHARTS)
			expect(served[chart](db, scope)).toEqual(fullScan[chart](db, scope));
		expect(
			served.headline(db, scope).currencies.map((c) => [c.currency, c.claims, c.placedMinor])
		).toEqual([
			['EUR', 1, 104_050],
			['HUF', 2, 12_650_000]
		]);
		expect(getPlacementJob(db, f.actorA, job.id)).toMatchObject({
			status: 'placed',
			portfolioId: r.portfolioId
		});
		expect(() => confirmPlacement(db, f.actorA, job.id)).toThrow(ConflictError);
	});

	it('refuses control and text-direction characters in any field, reads a description’s line breaks as spaces', async () => {
		const job = await upload(
			db,
			f,
			[
				H,
				'C-1\u202e;person;Tóth Ödön;1975-04-12;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-01;100;0;0;0;100;',
				'C-2;person;Tóth\u0085Ödön;1975-04-12;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-01;100;0;0;0;100;',
				'C-3;person;Tóth Ödön;1975-04-12;;1051;Budapest;Fő u.\u001b 1.;t\u2069@x.hu;;HUF;2025-12-01;100;0;0;0;100;',
				'C-4;person;Tóth Ödön;1975-04-12;;1051;Budapest;Fő u. 1.;;;HUF;2025-12-01;100;0;0;0;100;"két\r\nsor"'
			].join('\r\n')
		);
		expect(job.errors.map((e) => [e.line, e.field, e.key])).toEqual([
			[2, 'reference', 'placement.err.controlChar'],
			[3, 'debtor_name', 'placement.err.controlChar'],
			[4, 'address', 'placement.err.controlChar'],
			[4, 'email', 'placement.err.controlChar']
		]);
		expect(job.goodRows).toBe(1);
		const r = confirmPlacement(db, f.actorA, job.id);
		expect(r.placed).toBe(1);
		expect(
			db.$client.prepare("SELECT description FROM claims WHERE reference = 'C-4'").pluck().get()
		).toBe('két sor');
	});

	it('a wrong encoding gets a clear message', async () => {
		const latin2 = new Uint8Array([
			...enc(H + '\r\nN-1;person;'),
			0xd5,
			...enc('ry;1975-04-12;;1051;Budapest;x;;;HUF;2025-12-01;1;0;0;0;1;\r\n')
		]);
		const job = await upload(db, f, latin2);
		expect(job.status).toBe('failed');
		expect(job.fileError).toEqual({ key: 'csv.encoding' });
		expect(() => confirmPlacement(db, f.actorA, job.id)).toThrow(ConflictError);
	});

	it('a wrong delimiter gets a clear message', async () => {
		const job = await upload(db, f, FILE.replaceAll(';', '\t'));
		expect(job.fileError).toEqual({ key: 'csv.delimiter', params: { found: 'TAB' } });
	});

	it('missing columns are named', async () => {
		const job = await upload(
			db,
			f,
			'reference;debtor_type;debtor_name;currency\r\nX;person;Y;HUF\r\n'
		);
		expect(job.status).toBe('failed');
		expect(job.fileError?.key).toBe('csv.missingColumns');
		expect(job.fileError?.params?.columns).toBe(
			'postal_code, city, address, due_date, principal, interest, fees, costs, total'
		);
	});

	it('accepts the downloadable template as it is', async () => {
		const job = await upload(db, f, placementTemplate());
		expect(job.fileError).toBeNull();
		expect([job.goodRows, job.badRows]).toEqual([2, 0]);
	});

	it('a file with no good rows cannot be confirmed; cancel works', async () => {
		const job = await upload(
			db,
			f,
			[
				H,
				'A-001;person;Már Van;1980-01-01;;1111;Budapest;Egy u. 2.;;;HUF;2025-12-01;100;0;0;0;100;'
			].join('\n')
		);
		expect([job.goodRows, job.badRows]).toEqual([0, 1]);
		expect(() => confirmPlacement(db, f.actorA, job.id)).toThrow(ConflictError);
		cancelPlacement(db, f.actorA, job.id);
		expect(getPlacementJob(db, f.actorA, job.id).status).toBe('cancelled');
	});

	it('a reference placed meanwhile is caught again at confirm', async () => {
		const job1 = await upload(db, f, FILE);
		const job2 = await upload(db, f, FILE);
		confirmPlacement(db, f.actorA, job1.id);
		const before = claimCount(db);
		expect(() => confirmPlacement(db, f.actorA, job2.id)).toThrow(ConflictError); // all its good rows now exist
		expect(claimCount(db)).toBe(before);
	});

	it('rejects an empty upload and a missing portfolio name next to the fields', () => {
		try {
			createPlacementJob(db, f.actorA, {
				fileName: 'x.csv',
				portfolioName: ' ',
				bytes: new Uint8Array()
			});
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ValidationError);
			expect(Object.keys((e as ValidationError).fields)).toEqual(['portfolioName', 'file']);
		}
	});

	it('tenant isolation: another creditor cannot see, confirm or cancel a job', async () => {
		const job = await upload(db, f, FILE);
		expect(() => getPlacementJob(db, f.actorB, job.id)).toThrow(NotFoundError);
		expect(() => confirmPlacement(db, f.actorB, job.id)).toThrow(NotFoundError);
		expect(() => cancelPlacement(db, f.actorB, job.id)).toThrow(NotFoundError);
		await expect(validateJob(db, f.actorB, job.id)).rejects.toThrow(NotFoundError);
		expect(listPlacementJobs(db, f.actorB)).toEqual([]);
		expect(listPlacementJobs(db, f.actorA).map((j) => j.id)).toEqual([job.id]);
		// a reference A's claim already has is refused for B too: two claims sharing a reference
		// could not be told apart on a bank transfer (tests/integration/shared-reference.test.ts)
		const jobB = await upload(
			db,
			f,
			[H, 'A-001;person;Más;1980-01-01;;1111;Budapest;x;;;HUF;2025-12-01;100;0;0;0;100;'].join(
				'\n'
			),
			f.actorB
		);
		expect([jobB.goodRows, jobB.badRows]).toEqual([0, 1]);
	});

	it('the operators import places the same way, for the named creditor only', () => {
		const sys = systemActor('import');
		const dry = importFile(db, sys, {
			creditorId: f.a,
			portfolioName: 'CLI',
			bytes: enc(FILE),
			dryRun: true
		});
		expect(dry.result).toBeNull();
		expect(dry.analysis.good).toBe(3);
		const before = claimCount(db);
		const run = importFile(db, sys, { creditorId: f.a, portfolioName: 'CLI', bytes: enc(FILE) });
		expect(run.result).toMatchObject({ placed: 3, skipped: 5 });
		expect(claimCount(db)).toBe(before + 3);
		expect(() =>
			importFile(db, f.actorB, { creditorId: f.a, portfolioName: 'x', bytes: enc(FILE) })
		).toThrow(NotFoundError);
		expect(() =>
			importFile(db, sys, { creditorId: 9999, portfolioName: 'x', bytes: enc(FILE) })
		).toThrow(NotFoundError);
	});
});
