/**
 * A placement that matches another creditor's debtor (issue 15 item 2). The row joins the known
 * debtor record (one person, one sign-in) only when it gives the record's very contacts (else the
 * other creditor's data would receive its reminders), and the placing creditor sees only what it supplied,
 * and nothing it can read (list, search, export, detail, dashboard, chart tables, the placement
 * job) differs from a world where the agency had never heard of the person.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb, manualClock } from '../helpers/db';
import type { DB } from '../../src/lib/server/db/client';
import type { Actor } from '../../src/lib/domain/actor';
import { PLACEMENT_COLUMNS } from '../../src/lib/domain/placement';
import { addCreditor, addCreditorUser } from '../helpers/reports-fixtures';
import {
	confirmPlacement,
	createPlacementJob,
	getPlacementJob,
	listPlacementJobs,
	validateJob
} from '../../src/lib/server/services/placements';
import {
	exportClaimsCsv,
	getClaimDetail,
	listClaims
} from '../../src/lib/server/services/creditor-claims';
import { CHARTS, chartTable, dashboard, portfoliosOf } from '../../src/lib/server/services/reports';
import { translate } from '../../src/lib/i18n';

const H = PLACEMENT_COLUMNS.join(';');
// creditor A knows the person in Szeged and the company by its name, Alfa Adós Kft.
const A_FILE = [
	H,
	'A-1;person;Kovács Anna;1980-04-02;;6720;Szeged;Tisza Lajos krt. 9.;anna@a.example;+36301111111;HUF;2025-10-01;100000;0;0;0;100000;',
	'A-2;company;Alfa Adós Kft.;;12345676-2-42;9021;Győr;Baross út 3.;iroda@alfa.example;;HUF;2025-10-01;200000;0;0;0;200000;'
].join('\r\n');
// creditor B supplies the same identities (name and birth date; tax number) with its own data
const B_FILE = [
	H,
	'B-1;person;Kovács Anna;1980-04-02;;7621;Pécs;Király u. 40.;;;HUF;2025-11-01;50000;0;0;0;50000;',
	'B-2;company;Béta Ügyfél Bt.;;12345676-2-42;4025;Debrecen;Piac u. 1.;;;HUF;2025-11-01;70000;0;0;0;70000;',
	'B-3;person;Nagy Béla;1970-01-01;;1111;Budapest;Egy u. 2.;;;HUF;2025-11-01;30000;0;0;0;30000;'
].join('\r\n');
const A_ONLY = [
	'Szeged',
	'6720',
	'Tisza Lajos',
	'anna@a.example',
	'Alfa',
	'Győr',
	'Baross',
	'iroda@'
];

async function place(db: DB, actor: Actor, text: string, name: string) {
	const id = createPlacementJob(db, actor, {
		fileName: `${name}.csv`,
		portfolioName: name,
		bytes: new TextEncoder().encode(text)
	});
	await validateJob(db, actor, id);
	confirmPlacement(db, actor, id);
	return id;
}

/** Two creditors; in `shared` creditor A placed its file before B did, in the other never. */
async function world(shared: boolean) {
	manualClock('2026-03-02', 10);
	const db = freshDb();
	const a = addCreditor(db, 'Alfa Bank');
	const b = addCreditor(db, 'Béta Közmű');
	const actorA: Actor = {
		kind: 'creditor',
		userId: addCreditorUser(db, a, 'a@a.example'),
		creditorId: a
	};
	const actorB: Actor = {
		kind: 'creditor',
		userId: addCreditorUser(db, b, 'b@b.example'),
		creditorId: b
	};
	if (shared) await place(db, actorA, A_FILE, 'Alfa 2026/03');
	const job = await place(db, actorB, B_FILE, 'Béta 2026/03');
	return { db, actorA, actorB, job };
}

const tr = (k: string, p?: Record<string, string | number>) => translate('hu', k, p);

/** Database ids differ between the two worlds (A's rows take some): they are set to 0. */
function withoutIds(v: unknown): unknown {
	if (Array.isArray(v)) return v.map(withoutIds);
	if (v && typeof v === 'object')
		return Object.fromEntries(
			Object.entries(v).map(([k, x]) => [k, /^(id|portfolioId)$/.test(k) ? 0 : withoutIds(x)])
		);
	return v;
}

/** Everything creditor B can read, with database ids (which differ between worlds) left out. */
function whatBSees(db: DB, actor: Actor, job: number) {
	const list = listClaims(db, actor, { sort: 'reference', dir: 'asc' }).rows;
	const search = (q: string) =>
		listClaims(db, actor, { q, sort: 'reference', dir: 'asc' }).rows.map((r) => r.reference);
	const csv = [...exportClaimsCsv(db, actor, { sort: 'reference', dir: 'asc' }, ['h'])].join('');
	const details = list.map((r) => {
		const d = getClaimDetail(db, actor, r.id);
		return {
			claim: { ...d.claim, id: 0, portfolioId: 0 },
			debtor: d.debtor,
			statement: d.statement
		};
	});
	const data = dashboard(db, actor, {});
	const tables = CHARTS.map((c) => chartTable(c, data[c], tr));
	const jobView = { ...getPlacementJob(db, actor, job), id: 0, portfolioId: 0 };
	const jobs = listPlacementJobs(db, actor).map((j) => ({ ...j, id: 0, portfolioId: 0 }));
	return {
		list: list.map((r) => ({ ...r, id: 0 })),
		searches: ['Alfa', 'alfa', 'Kov', 'Béta', 'Szeged', 'Nagy'].map(search),
		csv,
		details,
		data,
		tables,
		jobView,
		jobs,
		portfolios: portfoliosOf(db, actor).map((p) => ({ ...p, id: 0 }))
	};
}

describe('a placement matching another creditor’s debtor', () => {
	let shared: Awaited<ReturnType<typeof world>>;
	let alone: Awaited<ReturnType<typeof world>>;
	beforeEach(async () => {
		alone = await world(false);
		shared = await world(true);
	});

	it('joins the known record only with the same contacts: a creditor’s data never receives another creditor’s claims', async () => {
		const c = shared.db.$client;
		const debtorOf = (ref: string) =>
			c.prepare('SELECT debtor_id FROM claims WHERE reference = ?').pluck().get(ref) as number;
		const contactsOf = (ref: string) =>
			c
				.prepare(
					'SELECT name, city, email FROM debtors WHERE id = (SELECT debtor_id FROM claims WHERE reference = ?)'
				)
				.get(ref);
		// B knows the same person and company at other addresses: B's reminders go where B says,
		// never to the e-mail and address A supplied (a wrong or planted one would get B's links)
		expect(debtorOf('B-1')).not.toBe(debtorOf('A-1'));
		expect(debtorOf('B-2')).not.toBe(debtorOf('A-2'));
		expect(contactsOf('B-1')).toEqual({ name: 'Kovács Anna', city: 'Pécs', email: null });
		expect(contactsOf('A-1')).toEqual({
			name: 'Kovács Anna',
			city: 'Szeged',
			email: 'anna@a.example'
		});
		// with the very contacts of the record, it is one person with one sign-in for all claims
		const same = A_FILE.split('\r\n')[1].replace('A-1;', 'B-5;');
		await place(shared.db, shared.actorB, [H, same].join('\r\n'), 'Béta 2026/04');
		expect(debtorOf('B-5')).toBe(debtorOf('A-1'));
		// the creditor's own record takes its next claim whatever its contacts (they are its own)
		await place(
			shared.db,
			shared.actorB,
			[
				H,
				'B-6;person;Kovács Anna;1980-04-02;;7621;Pécs;Másik u. 1.;;;HUF;2025-11-01;1000;0;0;0;1000;'
			].join('\r\n'),
			'Béta 2026/05'
		);
		expect(debtorOf('B-6')).toBe(debtorOf('B-1'));
	});

	it('shows creditor B only the data B supplied: list, search, export and detail', () => {
		const seen = whatBSees(shared.db, shared.actorB, shared.job);
		const detail = (ref: string) => seen.details.find((d) => d.claim.reference === ref)!;
		expect(detail('B-1').debtor).toEqual({ kind: 'person', name: 'Kovács Anna', city: 'Pécs' });
		expect(detail('B-2').debtor).toEqual({
			kind: 'company',
			name: 'Béta Ügyfél Bt.',
			city: 'Debrecen'
		});
		expect(seen.list.map((r) => r.debtorName)).toEqual([
			'Kovács Anna',
			'Béta Ügyfél Bt.',
			'Nagy Béla'
		]);
		// the other creditor's company name finds nothing; B's own does
		expect(seen.searches[0]).toEqual([]);
		expect(seen.searches[1]).toEqual([]);
		expect(seen.searches[3]).toEqual(['B-2']);
		const everything = JSON.stringify(seen);
		for (const s of A_ONLY) expect(everything, s).not.toContain(s);
	});

	it('nothing B can read differs from a world where A never placed the person: not a count, not a word', () => {
		expect(withoutIds(whatBSees(shared.db, shared.actorB, shared.job))).toEqual(
			withoutIds(whatBSees(alone.db, alone.actorB, alone.job))
		);
	});

	it('creditor A still sees its own data, untouched by B’s placement', () => {
		const rows = listClaims(shared.db, shared.actorA, { sort: 'reference', dir: 'asc' }).rows;
		expect(rows.map((r) => [r.reference, r.debtorName])).toEqual([
			['A-1', 'Kovács Anna'],
			['A-2', 'Alfa Adós Kft.']
		]);
		const d = getClaimDetail(shared.db, shared.actorA, rows[0].id);
		expect(d.debtor.city).toBe('Szeged');
		const csv = [...exportClaimsCsv(shared.db, shared.actorA, {}, ['h'])].join('');
		for (const s of ['Pécs', 'Béta Ügyfél', 'Debrecen', 'Nagy Béla']) expect(csv).not.toContain(s);
	});

	it('an anonymised debtor loses the data every creditor supplied with their claims', async () => {
		const db = shared.db;
		// B places the person with the contacts A gave: one record, both creditors' claims
		const same = A_FILE.split('\r\n')[1].replace('A-1;', 'B-5;');
		await place(db, shared.actorB, [H, same].join('\r\n'), 'Béta 2026/04');
		const id = db.$client
			.prepare("SELECT debtor_id FROM claims WHERE reference = 'B-5'")
			.pluck()
			.get() as number;
		db.$client.prepare('UPDATE debtors SET anonymized_at = 1 WHERE id = ?').run(id);
		const rows = db.$client
			.prepare(
				'SELECT name, city, address, birth_date FROM claim_debtors WHERE claim_id IN (SELECT id FROM claims WHERE debtor_id = ?)'
			)
			.all(id);
		expect(rows).toEqual([
			{ name: '', city: '', address: '', birth_date: null },
			{ name: '', city: '', address: '', birth_date: null }
		]);
	});
});
