/**
 * Migration 0032 (redact_link_tokens) on a database written before it: the texts kept with a portal link's token in
 * them keep it as `/p/…`; a handed-over letter's print data lose their link, an open batch's keep
 * it (it is still to be printed); nothing else in the text changes.
 */
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { migrateDatabase, openDatabase, type DB } from '../../src/lib/server/db/client';
import { letterBatches, letterContents, messages } from '../../src/lib/server/db/schema';
import {
	insertRow,
	journalEntries,
	manualClock,
	migrationsBefore,
	removeTempDbs,
	tempDbPath
} from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';

afterAll(removeTempDbs);

const column = (db: DB, sql: string) => db.$client.prepare(sql).pluck().all() as string[];

const URL = 'https://rendez.test/p/';
const T1 = 'abcdefghijklmnopqrstuvwxyz234567';
const T2 = '234567abcdefghijklmnopqrstuvwxyz';
const T3 = 'zyxwvutsrqponmlkjihgfedcba765432';

it('takes the tokens out of the kept texts and the handed-over letters', () => {
	manualClock('2026-03-02');
	const db = openDatabase(tempDbPath('link-tokens'));
	// by its name: the lead may number it anew
	const idx = journalEntries().find((e) => e.tag.endsWith('_redact_link_tokens'))!.idx;
	migrateDatabase(db, migrationsBefore(idx));
	const debtorId = makeDebtor(db);
	const claimId = makeClaim(
		db,
		makeCreditor(db, 'Példa Bank'),
		debtorId,
		{ principal: 1000 },
		'HUF'
	);
	const batch = (state: 'open' | 'handed_over') =>
		insertRow(db, letterBatches, { day: '2026-03-02', state, createdAt: 0 }).id;
	const [open, gone] = [batch('open'), batch('handed_over')];
	let seq = 0;
	const message = (channel: 'sms' | 'email' | 'letter', body: string, batchId?: number) =>
		insertRow(db, messages, {
			debtorId,
			claimId,
			channel,
			templateKey: 'friendly.reminder',
			lang: 'hu',
			source: 'engine',
			dedupeKey: `m${++seq}`,
			status: 'sent',
			body,
			bodyHash: 'h',
			letterBatchId: batchId ?? null,
			scheduledAt: 0,
			createdAt: 0,
			updatedAt: 0
		}).id;
	const printed = (messageId: number, token: string) =>
		insertRow(db, letterContents, {
			messageId,
			letterDate: '2026-03-02',
			portalUrl: `${URL}${token}`,
			currency: 'HUF',
			amountMinor: 1000,
			deadline: '2026-03-17',
			accountName: 'R',
			iban: 'HU',
			bic: 'B',
			qrPayload: 'q'
		});
	message('sms', `Nézze meg: ${URL}${T1} Leiratkozás: STOP`);
	message('email', `Link: ${URL}${T2}\n\nIsmét: ${URL}${T2}\n/p/rövid`);
	printed(message('letter', `Levél ${URL}${T3}`, gone), T3);
	printed(message('letter', `Levél ${URL}${T1}`, open), T1);
	message('sms', `Más: ${URL}${T1}x`);
	migrateDatabase(db, path.resolve('drizzle'));
	expect(column(db, 'SELECT body FROM messages ORDER BY id')).toEqual([
		`Nézze meg: ${URL}… Leiratkozás: STOP`,
		`Link: ${URL}…\n\nIsmét: ${URL}…\n/p/rövid`,
		`Levél ${URL}…`,
		`Levél ${URL}…`,
		// not a token of ours (33 characters): left as it is
		`Más: ${URL}${T1}x`
	]);
	expect(column(db, 'SELECT portal_url FROM letter_contents ORDER BY message_id')).toEqual([
		`${URL}…`,
		`${URL}${T1}`
	]);
	db.$client.close();
});
