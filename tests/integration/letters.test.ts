import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { allRows, auditsFor, insertRow, removeTempDbs, scalar, testDb } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { agencyActor } from '../helpers/staff-fixtures';
import {
	batchDetail,
	batchManifest,
	batchPdf,
	debtorLetterPdf,
	dueLetterCount,
	handOverBatch,
	listBatches,
	markLetterReturned
} from '../../src/lib/server/services/letters';
import {
	makeLetterBatches,
	requestTodaysBatch
} from '../../src/lib/server/services/letter-writing';
import { linkState } from '../../src/lib/server/services/access';
import { ConflictError, ForbiddenError, NotFoundError } from '../../src/lib/server/services/errors';
import { letterBatches, messages, plannedActions } from '../../src/lib/server/db/schema';
import type { DB } from '../../src/lib/server/db/client';
import type { Actor } from '../../src/lib/domain/actor';
import { parseCsv } from '../../src/lib/domain/csv';
import { addressLines } from '../../src/lib/server/letters';
import { claimMessages } from '../../src/lib/server/services/messages-of-claim';

afterAll(removeTempDbs);

const ORIGIN = 'https://rendez.example.hu';
const HOUR = 3_600_000;

/** pdfkit writes each page as its own object: count them. */
const pageCount = (bytes: Uint8Array) =>
	(
		Buffer.from(bytes)
			.toString('latin1')
			.match(/\/Type \/Page\b/g) ?? []
	).length;

function world() {
	const { db, clock } = testDb('2026-03-02', 10);
	const cr = makeCreditor(db, 'Példa Bank Zrt.');
	const op = agencyActor(db, 'operator', 'op@rendez.test', 'Olga Operátor', clock.now());
	const anna = makeDebtor(db, 'Kiss Anna');
	const bela = makeDebtor(db, 'Nagy Béla');
	const cili = makeDebtor(db, 'Tóth Cili');
	const huf = makeClaim(db, cr, anna, { principal: 4_990_000 }, 'HUF', { reference: 'RZ-HUF-1' });
	const eur = makeClaim(db, cr, anna, { principal: 123_405 }, 'EUR', { reference: 'RZ-EUR-2' });
	const paid = makeClaim(db, cr, bela, { principal: 1_000_000 }, 'HUF', { reference: 'RZ-PAID' });
	db.$client.prepare(`UPDATE claims SET status = 'paid', balance_minor = 0 WHERE id = ?`).run(paid);
	const held = makeClaim(db, cr, cili, { principal: 2_000_000 }, 'HUF', { reference: 'RZ-HELD' });
	db.$client
		.prepare(
			`INSERT INTO holds (claim_id, kind, start_date, end_date, effect_json, created_at)
			 VALUES (?, 'deceased', '2026-02-20', NULL, '{"kind":"stop_clock"}', ?)`
		)
		.run(held, clock.now());
	const action = insertRow(db, plannedActions, {
		key: `contact:${huf}:formal_notice:notice:0`,
		claimId: huf,
		kind: 'contact',
		stage: 'formal_notice',
		step: 'notice',
		dueDate: '2026-03-02',
		channelsJson: '["letter"]',
		template: 'formal.notice',
		whyJson: '{}',
		createdAt: clock.now()
	}).id;
	let seq = 0;
	const letter = (
		debtorId: number,
		claimId: number,
		o: { at?: number; source?: 'engine' | 'staff'; sourceId?: number; lang?: 'hu' | 'en' } = {}
	) =>
		insertRow(db, messages, {
			debtorId,
			claimId,
			channel: 'letter',
			templateKey: 'formal.notice',
			lang: o.lang ?? 'hu',
			source: o.source ?? 'staff',
			sourceId: o.sourceId ?? null,
			dedupeKey: `letter-${++seq}`,
			scheduledAt: o.at ?? clock.now() - HOUR,
			createdAt: clock.now(),
			updatedAt: clock.now()
		}).id;
	const m = {
		huf: letter(anna, huf, { source: 'engine', sourceId: action }),
		eur: letter(anna, eur, { lang: 'en' }),
		paid: letter(bela, paid),
		held: letter(cili, held),
		later: letter(anna, huf, { at: clock.now() + 48 * HOUR })
	};
	return { db, clock, op, anna, bela, cili, huf, eur, action, m };
}

/** "Make today's batch" as the page asks for it, then the jobs worker's making of it. */
function buildTodaysBatch(db: DB, actor: Actor, input: { origin: string }) {
	const asked = requestTodaysBatch(db, actor, input);
	if (asked.batchId === null) return { batchId: null, letterCount: 0, cancelled: 0 };
	makeLetterBatches(db);
	const b = db
		.select()
		.from(letterBatches)
		.all()
		.find((x) => x.id === asked.batchId)!;
	return { batchId: b.id, letterCount: b.letterCount, cancelled: b.cancelledCount };
}

const msg = (db: DB, id: number) =>
	db.$client.prepare('SELECT * FROM messages WHERE id = ?').get(id) as Record<string, unknown>;

describe("today's print batch", () => {
	it('takes the due letters whose claims are unpaid and not held; cancels the others (C7)', () => {
		const w = world();
		expect(dueLetterCount(w.db, w.op)).toBe(4);
		const r = buildTodaysBatch(w.db, w.op, { origin: ORIGIN });
		expect(r).toMatchObject({ letterCount: 2, cancelled: 2 });
		expect(msg(w.db, w.m.paid)).toMatchObject({ status: 'cancelled', status_reason: 'c7_paid' });
		expect(msg(w.db, w.m.held)).toMatchObject({ status: 'cancelled', status_reason: 'c7_hold' });
		// not due yet: stays queued, outside the batch
		expect(msg(w.db, w.m.later)).toMatchObject({ status: 'queued', letter_batch_id: null });
		for (const id of [w.m.huf, w.m.eur])
			expect(msg(w.db, id)).toMatchObject({ status: 'queued', letter_batch_id: r.batchId });
		expect(listBatches(w.db, w.op)[0]).toMatchObject({
			id: r.batchId,
			state: 'open',
			letterCount: 2,
			createdBy: 'Olga Operátor'
		});
		expect(auditsFor(w.db, 'letter_batch.create', 'letter_batch', r.batchId!)).toBe(1);
		// nothing due any more: a second press makes no batch
		expect(buildTodaysBatch(w.db, w.op, { origin: ORIGIN })).toEqual({
			batchId: null,
			letterCount: 0,
			cancelled: 0
		});
	});

	it('stores the text with the hash of the printed one and a fresh, working portal link', () => {
		const w = world();
		buildTodaysBatch(w.db, w.op, { origin: ORIGIN });
		const m = msg(w.db, w.m.huf) as { body: string; body_hash: string; to_address: string };
		// the message keeps the text without the link's token; the letter's print data hold the link
		const url = scalar(
			w.db,
			'SELECT portal_url FROM letter_contents WHERE message_id = ?',
			w.m.huf
		) as unknown as string;
		const printed = m.body.replace(`${ORIGIN}/p/…`, url);
		expect(m.body).toContain('RZ-HUF-1');
		expect(m.body).toContain('Példa Bank Zrt.');
		expect(m.body).toContain('49\u00a0900\u00a0Ft');
		expect(m.body).not.toMatch(/\{\w+\}/);
		expect(m.body_hash).toBe(createHash('sha256').update(printed).digest('hex'));
		expect(m.to_address).toBe('Kiss Anna\nPélda u. 1.\n1051 Budapest');
		const token = printed.match(/https:\/\/rendez\.example\.hu\/p\/([A-Za-z0-9_-]+)/)![1];
		expect(linkState(w.db, token, '198.51.100.7').state).toBe('ok');
		// the two letters carry two different links; each in its debtor's language
		const other = msg(w.db, w.m.eur) as { body: string; subject: string };
		expect(other.body).not.toContain(token);
		expect(m.body).not.toContain(token);
		expect(other.subject).toBe('Formal notice');
		expect(other.body).toMatch(/^Dear Kiss Anna,/);
		expect(other.body).toContain('€1,234.05');
		expect(m.body).toMatch(/^Tisztelt Kiss Anna!/);
		// the deadline with its Hungarian suffix: '… 7-ig', not '… 7.-ig'
		expect(m.body).toMatch(/legkésőbb \d{4}\. [a-zá-ű]+ \d{1,2}-ig/);
		// the payment QR: MNB for HUF with the reference as remittance; EPC for EUR
		const qr = allRows(
			w.db,
			'SELECT message_id, qr_payload, deadline FROM letter_contents ORDER BY message_id'
		) as { message_id: number; qr_payload: string; deadline: string }[];
		const [hufQr, eurQr] = qr;
		expect(hufQr.qr_payload.split('\n').slice(0, 10)).toEqual([
			'HCT',
			'001',
			'1',
			'OTPVHUHB',
			'Rendez Követeléskezelő Zrt.',
			'HU42117730161111101800000000',
			'HUF49900',
			`${hufQr.deadline.replaceAll('-', '')}235959+1`,
			'COLL',
			'RZ-HUF-1'
		]);
		expect(eurQr.qr_payload.split('\n')).toContain('EUR1234.05');
		expect(eurQr.qr_payload.split('\n').at(-1)).toBe('RZ-EUR-2');
	});

	it('downloads as one PDF of every letter and a CSV manifest with each letter and its pages', async () => {
		const w = world();
		const { batchId } = buildTodaysBatch(w.db, w.op, { origin: ORIGIN });
		const pdf = await batchPdf(w.db, w.op, batchId!);
		expect(Buffer.from(pdf.bytes).subarray(0, 5).toString()).toBe('%PDF-');
		const pages = pageCount(pdf.bytes);
		expect(pages).toBeGreaterThanOrEqual(2);
		const csv = await batchManifest(w.db, w.op, batchId!);
		expect(csv.text.startsWith('\uFEFF')).toBe(true);
		const rows = [...parseCsv(csv.text.slice(1), ';')].map((r) => r.fields);
		expect(rows[0]).toEqual([
			'batch_id',
			'message_id',
			'name',
			'address_line_1',
			'address_line_2',
			'address_line_3',
			'postal_code',
			'city',
			'reference',
			'pages'
		]);
		expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r[4], r[5], r[6], r[7], r[8]])).toEqual([
			[
				String(batchId),
				String(w.m.huf),
				'Kiss Anna',
				'Példa u. 1.',
				'1051 Budapest',
				'1051',
				'Budapest',
				'RZ-HUF-1'
			],
			[
				String(batchId),
				String(w.m.eur),
				'Kiss Anna',
				'Példa u. 1.',
				'1051 Budapest',
				'1051',
				'Budapest',
				'RZ-EUR-2'
			]
		]);
		// the manifest's pages add up to the PDF's
		expect(rows.slice(1).reduce((s, r) => s + Number(r[9]), 0)).toBe(pages);
		expect(batchDetail(w.db, w.op, batchId!).letters.map((l) => l.reference)).toEqual([
			'RZ-HUF-1',
			'RZ-EUR-2'
		]);
	});

	it('handed over: the letters are sent, a contact event each, the planned action done; once', () => {
		const w = world();
		const { batchId } = buildTodaysBatch(w.db, w.op, { origin: ORIGIN });
		w.clock.advance(HOUR);
		expect(handOverBatch(w.db, w.op, { batchId: batchId! })).toEqual({ sent: 2 });
		expect(msg(w.db, w.m.huf)).toMatchObject({ status: 'sent', sent_at: w.clock.now() });
		expect(msg(w.db, w.m.eur)).toMatchObject({ status: 'sent' });
		expect(
			allRows(
				w.db,
				`SELECT claim_id, debtor_id, channel, outcome, direction, stage, template
				   FROM contact_events ORDER BY id`
			)
		).toEqual(
			[w.huf, w.eur].map((claim_id) => ({
				claim_id,
				debtor_id: w.anna,
				channel: 'letter',
				outcome: 'sent',
				direction: 'outbound',
				stage: 'new',
				template: 'formal.notice'
			}))
		);
		expect(scalar(w.db, 'SELECT state FROM planned_actions WHERE id = ?', w.action)).toBe('done');
		expect(listBatches(w.db, w.op)[0]).toMatchObject({
			state: 'handed_over',
			handedOverBy: 'Olga Operátor'
		});
		expect(auditsFor(w.db, 'letter_batch.handed_over', 'letter_batch', batchId!)).toBe(1);
		expect(() => handOverBatch(w.db, w.op, { batchId: batchId! })).toThrow(ConflictError);
		expect(scalar(w.db, 'SELECT count(*) FROM contact_events')).toBe(2);
	});

	it('a returned letter bounces and marks the postal address invalid', () => {
		const w = world();
		const { batchId } = buildTodaysBatch(w.db, w.op, { origin: ORIGIN });
		// not sent yet: nothing to return
		expect(() => markLetterReturned(w.db, w.op, { messageId: w.m.huf })).toThrow(ConflictError);
		handOverBatch(w.db, w.op, { batchId: batchId! });
		markLetterReturned(w.db, w.op, { messageId: w.m.huf });
		expect(msg(w.db, w.m.huf)).toMatchObject({ status: 'bounced' });
		expect(
			scalar(w.db, 'SELECT postal_invalid FROM contact_preferences WHERE debtor_id = ?', w.anna)
		).toBe(1);
		expect(auditsFor(w.db, 'letter.returned', 'message', w.m.huf)).toBe(1);
		expect(() => markLetterReturned(w.db, w.op, { messageId: w.m.huf })).toThrow(ConflictError);
		// the next batch no longer writes to that address
		w.clock.advance(49 * HOUR);
		expect(buildTodaysBatch(w.db, w.op, { origin: ORIGIN })).toMatchObject({
			letterCount: 0,
			cancelled: 1
		});
		expect(msg(w.db, w.m.later)).toMatchObject({
			status: 'cancelled',
			status_reason: 'postal_invalid'
		});
	});

	it('only agency staff make, hand over and return batches', () => {
		const w = world();
		const debtor: Actor = { kind: 'debtor', debtorId: w.anna };
		const creditor: Actor = { kind: 'creditor', userId: 1, creditorId: 1 };
		for (const a of [debtor, creditor])
			expect(() => buildTodaysBatch(w.db, a, { origin: ORIGIN })).toThrow(ForbiddenError);
		expect(() => listBatches(w.db, debtor)).toThrow(ForbiddenError);
	});
});

describe('the letter', () => {
	it('addresses the window in Hungarian order: name / street / postal code and city', () => {
		expect(
			addressLines({
				name: 'Kiss Anna',
				address: 'Példa u. 1. 2/3.',
				postalCode: '1051',
				city: 'Budapest'
			})
		).toEqual(['Kiss Anna', 'Példa u. 1. 2/3.', '1051 Budapest']);
	});
});

describe("the debtor's copy of a letter", () => {
	it('serves a sent letter to its own debtor only, for that claim', async () => {
		const w = world();
		const { batchId } = buildTodaysBatch(w.db, w.op, { origin: ORIGIN });
		const anna: Actor = { kind: 'debtor', debtorId: w.anna };
		// in a batch but not handed over yet: not sent, not shown
		await expect(
			debtorLetterPdf(w.db, anna, { claimId: w.huf, messageId: w.m.huf })
		).rejects.toThrow(NotFoundError);
		handOverBatch(w.db, w.op, { batchId: batchId! });
		const pdf = await debtorLetterPdf(w.db, anna, { claimId: w.huf, messageId: w.m.huf });
		expect(Buffer.from(pdf.bytes).subarray(0, 5).toString()).toBe('%PDF-');
		expect(pageCount(pdf.bytes)).toBeGreaterThanOrEqual(1);
		// another debtor, another claim of hers, or a cancelled letter: not found
		const bela: Actor = { kind: 'debtor', debtorId: w.bela };
		await expect(
			debtorLetterPdf(w.db, bela, { claimId: w.huf, messageId: w.m.huf })
		).rejects.toThrow(NotFoundError);
		await expect(
			debtorLetterPdf(w.db, anna, { claimId: w.eur, messageId: w.m.huf })
		).rejects.toThrow(NotFoundError);
		await expect(
			debtorLetterPdf(w.db, bela, { claimId: w.huf, messageId: w.m.paid })
		).rejects.toThrow(NotFoundError);
		await expect(
			debtorLetterPdf(w.db, w.op, { claimId: w.huf, messageId: w.m.huf })
		).rejects.toThrow(ForbiddenError);
	});

	it('not to a session signed in by a claim reference: the letter carries the personal link', async () => {
		const w = world();
		const { batchId } = buildTodaysBatch(w.db, w.op, { origin: ORIGIN });
		handOverBatch(w.db, w.op, { batchId: batchId! });
		const creditorId = scalar(w.db, 'SELECT creditor_id FROM claims WHERE id = ?', w.huf) as number;
		const scoped: Actor = { kind: 'debtor', debtorId: w.anna, onlyCreditorId: creditorId };
		await expect(
			debtorLetterPdf(w.db, scoped, { claimId: w.huf, messageId: w.m.huf })
		).rejects.toThrow(ConflictError);
		// its claim page lists the letter, in words, without the download
		const [row] = claimMessages(w.db, scoped, w.huf, 'en').rows;
		expect(row).toMatchObject({ id: w.m.huf, href: null });
		expect(row.what).toMatch(/open the personal link/);
		const anna: Actor = { kind: 'debtor', debtorId: w.anna };
		expect(claimMessages(w.db, anna, w.huf, 'en').rows[0].href).toBe(
			`/my/claims/${w.huf}/letters/${w.m.huf}`
		);
	});
});
