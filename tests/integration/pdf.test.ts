/**
 * The one PDF writer finds its font from its own module, not from the working directory: a server
 * started from another folder still writes receipts (it answered 500 before), and a missing font is
 * one clear line at start.
 */
import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { testDb, tempDir } from '../helpers/db';
import { makeClaim, makeCreditor, makeDebtor } from '../helpers/portal-fixtures';
import { writePdf, pdfFontPath, pdfFontProblem } from '../../src/lib/server/pdf';
import { receiptPdf } from '../../src/lib/server/services/documents';
import { startPayment } from '../../src/lib/server/services/payments';
import { DemoGateway } from '../../src/lib/server/payments/demo';
import { demoAnswer } from '../helpers/payment-fixtures';

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const pages = (bytes: Uint8Array) => text(bytes).match(/\/Type \/Page\b/g)?.length ?? 0;

describe('PDF writer', () => {
	const cwd = process.cwd();
	const envFont = process.env.RENDEZ_PDF_FONT;
	afterEach(() => {
		process.chdir(cwd);
		if (envFont === undefined) delete process.env.RENDEZ_PDF_FONT;
		else process.env.RENDEZ_PDF_FONT = envFont;
	});

	it('writes a receipt with DejaVu Sans while the working directory is another folder', async () => {
		const { db } = testDb();
		const debtorId = makeDebtor(db);
		const me = { kind: 'debtor' as const, debtorId };
		const claimId = makeClaim(db, makeCreditor(db, 'Őrző Bank Zrt.'), debtorId, {
			principal: 500_000
		});
		const { paymentId } = await startPayment(
			db,
			me,
			{ claimId, amountMinor: 500_000, purpose: 'full' },
			new DemoGateway()
		);
		demoAnswer(db, paymentId, 500_000, 'approve');
		process.chdir(tempDir('rendez-cwd-'));
		expect(pdfFontProblem()).toBeNull();
		const r = await receiptPdf(db, me, paymentId, 'hu');
		expect(text(r.bytes)).toMatch(/\/BaseFont \/(?:[A-Z]{6}\+)?DejaVuSans\b/);
		expect(path.isAbsolute(pdfFontPath())).toBe(true);
	});

	it('breaks pages and wraps long text: every line stays on a page', async () => {
		testDb();
		const one = await writePdf('t', (w) => w.text('rövid'));
		const many = await writePdf('t', (w) => {
			for (let i = 0; i < 100; i++) w.row(`sor ${i}`, `${i} Ft`);
			w.text('hosszú szó '.repeat(400));
		});
		expect(pages(one)).toBe(1);
		expect(pages(many)).toBeGreaterThanOrEqual(3);
	});

	it('RENDEZ_PDF_FONT overrides the font; a missing file is one line naming it and the fix', () => {
		process.env.RENDEZ_PDF_FONT = '/nonexistent/font.ttf';
		expect(pdfFontPath()).toBe('/nonexistent/font.ttf');
		const problem = pdfFontProblem();
		expect(problem).toContain('/nonexistent/font.ttf');
		expect(problem).toContain('RENDEZ_PDF_FONT');
		expect(problem).not.toContain('\n');
	});
});
