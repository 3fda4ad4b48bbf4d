/**
 * A debtor's portal link and a one-time code exist in plain text only in what reaches the debtor:
 * after an e-mail, an SMS (also a retry) or a printed letter, no table of the database holds the
 * token (access_links keeps its hash), the staff's message page shows the text without it, and
 * the link the debtor got still opens the portal. The print house's PDF carries the live link
 * until the batch is handed over; the debtor's copy after that shows `/p/…`.
 */
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { DB } from '../../src/lib/server/db/client';
import type { LetterContent } from '../../src/lib/server/letters';
import { allRows, removeTempDbs, testDb } from '../helpers/db';
import { bankOperator } from '../helpers/bank-fixtures';
import { recordingSms } from '../helpers/sms-recorder';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import {
	ORIGIN,
	freshMessageWorld,
	linkIn,
	makeMessage,
	messageRows,
	planContact,
	useMailer
} from '../helpers/messages-fixtures';
import { dispatchDue, dispatchOnce, retryDelayMs } from '../../src/lib/server/services/dispatcher';
import { answerLink, linkState } from '../../src/lib/server/services/access';
import { getMessage } from '../../src/lib/server/services/message-views';
import { requestContactChange } from '../../src/lib/server/services/contact-details';
import { debtorLetterPdf, batchPdf, handOverBatch } from '../../src/lib/server/services/letters';
import {
	makeLetterBatches,
	requestTodaysBatch
} from '../../src/lib/server/services/letter-writing';
import type { MessageChannelAdapter, OutgoingMessage } from '../../src/lib/server/channels/types';
import type { Actor } from '../../src/lib/domain/actor';

/** What each letter PDF was drawn from (the PDF's text is glyph ids: it cannot be searched). */
const drawn = vi.hoisted(() => [] as unknown[]);
vi.mock('../../src/lib/server/letters', async (importOriginal) => {
	const real = await importOriginal<typeof import('../../src/lib/server/letters')>();
	return {
		...real,
		lettersPdf: (title: string, contents: LetterContent[]) => {
			drawn.push(...contents);
			return real.lettersPdf(title, contents);
		}
	};
});

afterAll(removeTempDbs);

const mailer = useMailer();
const op: Actor = { kind: 'operator', userId: 1 };
const IP = '192.0.2.1';

/** The tables (and their rows, as JSON) of the whole database that hold `secret` anywhere. */
function tablesHolding(db: DB, secret: string): string[] {
	const tables = db.$client
		.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`)
		.pluck()
		.all() as string[];
	return tables.filter((t) =>
		JSON.stringify(db.$client.prepare(`SELECT * FROM "${t}"`).all()).includes(secret)
	);
}

/** The link opens the portal with the debtor's answer. */
function opens(db: DB, token: string) {
	expect(linkState(db, token, IP)).toMatchObject({ state: 'ok' });
	expect(answerLink(db, { token, answer: '1980-04-02', ip: IP }).ok).toBe(true);
}

describe('the link sent by e-mail or SMS', () => {
	it('e-mail: the debtor gets the link; no table holds its token; the staff page shows /p/…', async () => {
		const { db, claimId } = freshMessageWorld();
		planContact(db, claimId, ['email']);
		expect(await dispatchOnce(db, mailer.options())).toMatchObject({ sent: 1 });
		const [mail] = await mailer.smtp.waitFor(1);
		const token = linkIn(mail.text);
		expect(mail.html).toContain(`${ORIGIN}/p/${token}`);
		expect(tablesHolding(db, token)).toEqual([]);
		// the text is kept as sent, the token marked; its hash is of the text as sent
		const [row] = messageRows(db);
		const sent = mail.text.replace(/\r\n/g, '\n').trim();
		expect(row.body!.trim()).toBe(sent.replace(`/p/${token}`, '/p/…'));
		const hash = createHash('sha256').update(`${row.subject}\n\n${row.body}`).digest('hex');
		expect(row.body_hash).not.toBe(hash);
		expect(row.body_hash).toBe(
			createHash('sha256')
				.update(`${row.subject}\n\n${row.body!.replace('/p/…', `/p/${token}`)}`)
				.digest('hex')
		);
		const page = getMessage(db, op, row.id);
		expect(page.body).toContain(`${ORIGIN}/p/…`);
		expect(JSON.stringify(page)).not.toContain(token);
		opens(db, token);
	});

	it('SMS, and its retry after the provider refused it for now: each link fresh, neither kept', async () => {
		const { db, clock, claimId } = freshMessageWorld();
		const sent: OutgoingMessage[] = [];
		const flaky: MessageChannelAdapter = {
			...recordingSms(),
			async send(m) {
				sent.push(m);
				return sent.length === 1
					? { ok: false, error: 'busy', permanent: false }
					: { ok: true, providerId: `SM${m.messageId}` };
			}
		};
		planContact(db, claimId, ['sms']);
		const options = mailer.options({ channels: { sms: flaky } });
		expect(await dispatchOnce(db, options)).toMatchObject({ failed: 1 });
		clock.advance(retryDelayMs(1));
		expect(await dispatchDue(db, options)).toMatchObject({ sent: 1 });
		const [first, second] = sent.map((m) => linkIn(m.text));
		expect(first).not.toBe(second);
		for (const token of [first, second]) expect(tablesHolding(db, token)).toEqual([]);
		expect(messageRows(db).map((m) => [m.status, m.body?.includes(`${ORIGIN}/p/…`)])).toEqual([
			['failed', true],
			['sent', true]
		]);
		opens(db, second);
	});

	it('a text kept with its token (before tokens were taken out) shows without it', () => {
		const { db, debtorId, claimId } = freshMessageWorld();
		const token = 'abcdefghijklmnopqrstuvwxyz234567';
		const id = makeMessage(db, {
			debtorId,
			claimId,
			channel: 'sms',
			status: 'sent',
			body: `Kérjük, nézze meg: ${ORIGIN}/p/${token} STOP: válasz STOP`
		});
		const page = getMessage(db, op, id);
		expect(page.body).toBe(`Kérjük, nézze meg: ${ORIGIN}/p/… STOP: válasz STOP`);
	});

	it('a confirmation code is kept as ••••••', async () => {
		const { db } = testDb('2026-03-03', 10);
		const debtorId = makeDebtor(db, 'Teszt Elek', { email: 'regi@example.com' });
		requestContactChange(db, { kind: 'debtor', debtorId }, { field: 'email', value: 'uj@x.hu' });
		await dispatchOnce(db, mailer.options());
		const [mail] = await mailer.smtp.waitFor(1);
		const code = /\b(\d{6})\b/.exec(mail.text)![1];
		const kept = allRows(
			db,
			'SELECT subject, body FROM messages UNION ALL SELECT params_json, NULL FROM outbox'
		);
		expect(JSON.stringify(kept)).not.toContain(code);
		expect(JSON.stringify(kept)).toContain('••••••');
	});
});

describe('the link printed in a letter', () => {
	it('the print PDF carries it; the message never keeps it; handed over, nothing does', async () => {
		const { db } = testDb('2026-03-02', 10);
		const cr = makeCreditor(db, 'Példa Bank Zrt.');
		const debtorId = makeDebtor(db, 'Kiss Anna');
		const claimId = makeClaim(db, cr, debtorId, { principal: 4_990_000 }, 'HUF');
		const olga = bankOperator(db);
		const letter = makeMessage(db, {
			debtorId,
			claimId,
			channel: 'letter',
			templateKey: 'formal.notice'
		});
		const { batchId } = requestTodaysBatch(db, olga, { origin: ORIGIN });
		makeLetterBatches(db);
		const url = allRows(db, 'SELECT portal_url FROM letter_contents')[0] as { portal_url: string };
		const token = linkIn(url.portal_url);
		// until it is handed over, only the letter's print data hold the link
		expect(tablesHolding(db, token)).toEqual(['letter_contents']);
		expect(getMessage(db, olga, letter).body).toContain(`${ORIGIN}/p/…`);
		await batchPdf(db, olga, batchId!);
		const printed = drawn.pop() as LetterContent;
		expect(printed.portalUrl).toBe(`${ORIGIN}/p/${token}`);
		expect(printed.body).toContain(`${ORIGIN}/p/${token}`);
		expect(printed.body).not.toContain('/p/…');
		handOverBatch(db, olga, { batchId: batchId! });
		expect(tablesHolding(db, token)).toEqual([]);
		const me: Actor = { kind: 'debtor', debtorId };
		await debtorLetterPdf(db, me, { claimId, messageId: letter });
		const copy = drawn.pop() as LetterContent;
		expect(copy.portalUrl).toBe(`${ORIGIN}/p/…`);
		expect(JSON.stringify(copy)).not.toContain(token);
		// the printed link still opens the portal
		opens(db, token);
	});
});
