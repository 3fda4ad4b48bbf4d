/** Disputes (C7): reasons, attachments checked by content, the claim on hold, operators answer. */
import { beforeEach, describe, expect, it } from 'vitest';
import { testDb } from '../helpers/db';
import { fieldKeys, makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import type { DB } from '../../src/lib/server/db/client';
import {
	answerDispute,
	openDispute,
	openDisputesForOps,
	sniffMime,
	MAX_ATTACHMENT_BYTES
} from '../../src/lib/server/services/disputes';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';
import { verifyAuditChain } from '../../src/lib/server/services/audit';

const PDF = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);

describe('disputes', () => {
	let db: DB;
	let debtorId: number;
	let claimId: number;
	beforeEach(() => {
		({ db } = testDb());
		debtorId = makeDebtor(db);
		claimId = makeClaim(db, makeCreditor(db), debtorId, { principal: 5_000_000 });
		db.$client
			.prepare(
				"INSERT INTO staff_users (id, email, name, role, password_hash, created_at) VALUES (1, 'op@x', 'Op', 'operator', 'x', 0)"
			)
			.run();
	});
	const me = () => ({ kind: 'debtor' as const, debtorId });
	const op = { kind: 'operator' as const, userId: 1 };
	const claimStatus = () =>
		db.$client.prepare('SELECT status FROM claims WHERE id=?').pluck().get(claimId);

	it('recognises PDF, JPEG and PNG by their first bytes only', () => {
		expect(sniffMime(PDF)).toBe('application/pdf');
		expect(sniffMime(PNG)).toBe('image/png');
		expect(sniffMime(JPEG)).toBe('image/jpeg');
		expect(sniffMime(Buffer.from('<html><script>alert(1)</script>'))).toBeNull();
		expect(sniffMime(Buffer.from('GIF89a'))).toBeNull();
	});

	it('refuses a bad reason, a missing explanation, a file that is not what it claims, or too big', () => {
		const keys = (input: Parameters<typeof openDispute>[2]) =>
			fieldKeys(() => openDispute(db, me(), input));
		expect(keys({ claimId, reason: 'angry', details: '' })).toEqual({
			reason: 'portal.dispute.error.reason'
		});
		expect(keys({ claimId, reason: 'other', details: 'no' })).toEqual({
			details: 'portal.dispute.error.explain'
		});
		expect(
			keys({
				claimId,
				reason: 'not_mine',
				details: '',
				file: Buffer.from('MZ this is an exe named scan.pdf')
			})
		).toEqual({ file: 'portal.dispute.error.fileType' });
		const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
		PDF.copy(big);
		expect(keys({ claimId, reason: 'not_mine', details: '', file: big })).toEqual({
			file: 'portal.dispute.error.fileTooBig'
		});
		expect(claimStatus()).toBe('open');
		expect(db.$client.prepare('SELECT count(*) FROM disputes').pluck().get()).toBe(0);
	});

	it('puts the claim on hold with a 30-day answer deadline; one open dispute per claim', () => {
		const exactly5MB = Buffer.alloc(MAX_ATTACHMENT_BYTES);
		PDF.copy(exactly5MB);
		const d = openDispute(db, me(), {
			claimId,
			reason: 'wrong_amount',
			details: 'A kamat hibás.',
			file: exactly5MB
		});
		expect(d.answerDueDate).toBe('2026-04-01');
		expect(claimStatus()).toBe('disputed');
		const att = db.$client
			.prepare('SELECT mime, size_bytes FROM attachments WHERE id=?')
			.get(d.attachmentId);
		expect(att).toEqual({ mime: 'application/pdf', size_bytes: MAX_ATTACHMENT_BYTES });
		expect(() => openDispute(db, me(), { claimId, reason: 'not_mine', details: '' })).toThrow(
			ConflictError
		);
		expect(() =>
			openDispute(
				db,
				{ kind: 'debtor', debtorId: makeDebtor(db, 'Más') },
				{ claimId, reason: 'not_mine', details: '' }
			)
		).toThrow(NotFoundError);
		expect(
			db.$client
				.prepare("SELECT count(*) FROM audit_log WHERE action IN ('dispute.open','claim.status')")
				.pluck()
				.get()
		).toBe(2);
	});

	it('operators see the queue by deadline and answer; rejected goes back into the process, upheld closes', () => {
		const d = openDispute(db, me(), { claimId, reason: 'already_paid', details: '', file: PNG });
		expect(openDisputesForOps(db, op).map((x) => x.id)).toEqual([d.id]);
		expect(() => openDisputesForOps(db, me())).toThrow(ForbiddenError);
		expect(() =>
			answerDispute(db, op, { disputeId: d.id, outcome: 'rejected', answer: '' })
		).toThrow(ValidationError);
		answerDispute(db, op, {
			disputeId: d.id,
			outcome: 'rejected',
			answer: 'A befizetés nem érkezett meg hozzánk.'
		});
		expect(claimStatus()).toBe('open');
		expect(() =>
			answerDispute(db, op, { disputeId: d.id, outcome: 'upheld', answer: 'mégis jogos' })
		).toThrow(ConflictError);
		const d2 = openDispute(db, me(), { claimId, reason: 'not_mine', details: '', file: JPEG });
		answerDispute(db, op, {
			disputeId: d2.id,
			outcome: 'upheld',
			answer: 'Igaza van, a követelést lezártuk.'
		});
		expect(claimStatus()).toBe('closed');
		expect(() => openDispute(db, me(), { claimId, reason: 'not_mine', details: '' })).toThrow(
			ConflictError
		);
		expect(verifyAuditChain(db).ok).toBe(true);
	});
});
