/** Disputes (C7): reasons, attachments checked by content, the claim on hold, operators answer. */
import { beforeEach, describe, expect, it } from 'vitest';
import {} from '../helpers/db';
import { OPERATOR, claimWorld, fieldKeys, stranger } from '../helpers/portal-fixtures';
import { JPEG, PDF, PNG } from '../helpers/attachment-fixtures';
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

describe('disputes', () => {
	let db: DB;
	let debtorId: number;
	let claimId: number;
	beforeEach(() => {
		({ db, debtorId, claimId } = claimWorld());
	});
	const me = () => ({ kind: 'debtor' as const, debtorId });
	const op = OPERATOR;
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
			openDispute(db, stranger(db), { claimId, reason: 'not_mine', details: '' })
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
