/**
 * Bad input gets a clear answer, never a 500, and never loses what was saved (issue 15, items
 * 6-9): the form-reading helper, the zod path with i18n keys, strict ids and amounts, own-key
 * lookups of request values, and the opt-out list. The same cases against the built server's
 * endpoints are in tests/e2e/bad-input.spec.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { isActionFailure, isHttpError } from '@sveltejs/kit';
import { z } from 'zod';
import { freshDb, manualClock } from '../helpers/db';
import { makeDebtor } from '../helpers/portal-fixtures';
import { buildFixture } from '../helpers/reports-fixtures';
import {
	amountField,
	failFrom,
	fileTooLarge,
	idField,
	listQuery,
	MAX,
	oneOf,
	ownKey,
	parseForm,
	parseId,
	readForm,
	readUploadForm,
	textField,
	throwHttp
} from '../../src/lib/server/http';
import {
	ConflictError,
	ForbiddenError,
	NotFoundError,
	ValidationError
} from '../../src/lib/server/services/errors';
import { getPreferences, savePreferences } from '../../src/lib/server/services/preferences';
import { listClaims, SORTS, type SortKey } from '../../src/lib/server/services/creditor-claims';
import { claimQuery } from '../../src/routes/creditor/claims/query';
import { parseFilter } from '../../src/routes/creditor/filter';
import { formOf } from '../helpers/form-fixtures';

/** What a thrown SvelteKit error() or a returned fail() carries. */
async function outcome(p: Promise<unknown>): Promise<{ status: number; body: unknown }> {
	try {
		const r = await p;
		if (isActionFailure(r)) return { status: r.status, body: r.data };
		return { status: 200, body: r };
	} catch (e) {
		if (isHttpError(e)) return { status: e.status, body: e.body };
		throw e;
	}
}

const multipart = (body: BodyInit, boundary = 'x-boundary') =>
	new Request('http://localhost/form', {
		method: 'POST',
		headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
		body,
		duplex: 'half'
	} as RequestInit);

/** A body the server refused for its size, as adapter-node reports it (an error with status 413). */
function tooLargeBody(): Request {
	const stream = new ReadableStream({
		start(c) {
			c.error(Object.assign(new Error('Payload Too Large'), { status: 413 }));
		}
	});
	return multipart(stream);
}

describe('reading a form body', () => {
	it('answers a malformed multipart body with 400, not an exception (a 500)', async () => {
		for (const body of ['garbage', '--x-boundary\r\nno headers', '--other\r\n\r\n--other--']) {
			const r = await outcome(readForm(multipart(body)));
			expect(r.status).toBe(400);
		}
		// a multipart type without a boundary at all
		const noBoundary = new Request('http://localhost/form', {
			method: 'POST',
			headers: { 'content-type': 'multipart/form-data' },
			body: 'a=1'
		});
		expect((await outcome(readForm(noBoundary))).status).toBe(400);
	});

	it('reads a well-formed body', async () => {
		const fd = new FormData();
		fd.set('amount', '12 500');
		const form = await readForm(new Request('http://localhost/', { method: 'POST', body: fd }));
		expect(form.get('amount')).toBe('12 500');
	});

	it('says "too large" next to the file only when the size was refused', async () => {
		const tooLarge = () => ({ file: { key: 'csv.tooLarge', params: { mb: 50 } } });
		const big = await outcome(readUploadForm(tooLargeBody(), tooLarge));
		expect(big).toEqual({
			status: 413,
			body: { errors: { file: { key: 'csv.tooLarge', params: { mb: 50 } } } }
		});
		// a broken body is not called too large
		const broken = await outcome(readUploadForm(multipart('garbage'), tooLarge));
		expect(broken.status).toBe(400);
		expect(JSON.stringify(broken.body)).not.toContain('tooLarge');
		// and plain readForm says 413 on its page for a refused size
		expect((await outcome(readForm(tooLargeBody()))).status).toBe(413);
	});

	it("states the limit that applies: the form's own, or what the server accepts if less", async () => {
		vi.stubEnv('BODY_SIZE_LIMIT', '10M');
		try {
			const attachment = fileTooLarge('portal.dispute.error.fileTooBig', 5 * 1024 * 1024);
			expect((await outcome(readUploadForm(tooLargeBody(), attachment))).body).toEqual({
				errors: { file: { key: 'portal.dispute.error.fileTooBig', params: { mb: 5 } } }
			});
			// 50 MB of CSV, but the server takes 10 MB with the form's other fields
			expect(fileTooLarge('csv.tooLarge', 50 * 1024 * 1024)()).toEqual({
				file: { key: 'csv.tooLarge', params: { mb: 9.9 } }
			});
		} finally {
			vi.unstubAllEnvs();
		}
	});
});

describe('one validation path: zod schemas answered with i18n keys', () => {
	const refund = z.object({
		amount: amountField('HUF'),
		reason: textField(MAX.reason, { optional: true })
	});

	it('refuses a HUF amount with fillér (1,5 Ft) and keeps what was typed', () => {
		const r = parseForm(formOf({ amount: '1,5', reason: 'duplicate' }), refund);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.failure.status).toBe(400);
		expect(r.failure.data.errors).toEqual({ amount: { key: 'payments.error.wholeForints' } });
		expect(r.failure.data.values).toEqual({ amount: '1,5', reason: 'duplicate' });
		// whole forints, as people type them, pass
		const ok = parseForm(formOf({ amount: '12.500 Ft', reason: '' }), refund);
		expect(ok.ok && ok.data.amount).toBe(1_250_000);
		// EUR cents are fine
		const eur = parseForm(formOf({ amount: '1,5' }), z.object({ amount: amountField('EUR') }));
		expect(eur.ok && eur.data.amount).toBe(150);
	});

	it('gives free text a maximum, with a translated message (a 100,000-character reason is refused)', () => {
		const r = parseForm(formOf({ amount: '100', reason: 'x'.repeat(100_000) }), refund);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.failure.data.errors?.reason).toEqual({
			key: 'form.tooLong',
			params: { max: MAX.reason }
		});
	});

	it('names empty, unreadable and unknown values with keys, never zod English', () => {
		const schema = z.object({
			amount: amountField('HUF'),
			kind: z.enum(['a', 'b']),
			name: textField(MAX.line)
		});
		const r = parseForm(formOf({ amount: 'abc', kind: 'constructor' }), schema);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(r.failure.data.errors).toEqual({
			amount: { key: 'form.invalidAmount' },
			kind: { key: 'form.invalid' },
			name: { key: 'form.required' }
		});
	});

	it('takes ids as digits only: 0x10 is not 16, nor 1e3 1000', () => {
		for (const raw of [
			'0x10',
			'1e3',
			' 16',
			'16 ',
			'+16',
			'-1',
			'0',
			'016',
			'1.0',
			'',
			'9'.repeat(16)
		])
			expect(parseId(raw), raw).toBeNull();
		expect(parseId('16')).toBe(16);
		const r = z.object({ id: idField }).safeParse({ id: '0x10' });
		expect(r.success).toBe(false);
	});
});

describe('service errors map to one shape', () => {
	it('ValidationError -> 400 with field keys (money limits formatted), ConflictError -> 409 message', () => {
		const v = failFrom(
			new ValidationError({ amount: { key: 'payments.error.tooMuch', params: { max: 150_000 } } }),
			{
				values: { amount: '2000' },
				money: { currency: 'HUF', lang: 'hu' }
			}
		);
		expect(v.status).toBe(400);
		expect(v.data.errors?.amount.key).toBe('payments.error.tooMuch');
		expect(String(v.data.errors?.amount.params?.max)).toMatch(/1\s?500\s?Ft/);
		expect(v.data.values).toEqual({ amount: '2000' });
		const c = failFrom(new ConflictError('plans.error.open'));
		expect(c.status).toBe(409);
		expect(c.data.message).toEqual({ key: 'plans.error.open', params: {} });
	});

	it('a load or a download (no form to answer in) gets 404, 403 or 409, never a 500', async () => {
		const thrown = (e: Error) =>
			outcome(
				Promise.resolve().then(() => {
					throwHttp(e);
				})
			);
		expect((await thrown(new NotFoundError('letter batch'))).status).toBe(404);
		expect((await thrown(new ForbiddenError())).status).toBe(403);
		// e.g. the PDF of a print batch the jobs worker is still making
		expect(await thrown(new ConflictError('ops.letters.error.making'))).toEqual({
			status: 409,
			body: { message: 'conflict' }
		});
	});
});

describe('request values used as keys are own keys only', () => {
	it('sort=constructor (or __proto__, toString) is no sort, and the list still answers', () => {
		manualClock('2026-03-02');
		const db = freshDb();
		const f = buildFixture(db);
		for (const sort of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
			const url = new URL(`http://localhost/creditor/claims?sort=${sort}&portfolio=0x10`);
			const q = claimQuery(url);
			expect(q.sort, sort).toBeUndefined();
			expect(q.portfolioId).toBeNull();
			// the service too, if a caller hands it such a key
			const rows = listClaims(db, f.actorA, { sort: sort as SortKey }).rows;
			expect(rows.length).toBe(4);
		}
		expect(ownKey(SORTS, 'balance')).toBe('balance');
		expect(oneOf(['a', 'b'] as const, 'toString')).toBeNull();
		expect(
			parseFilter(new URL('http://localhost/creditor?portfolio=0x10')).filter.portfolioId
		).toBeNull();
	});

	it("a list page's page and filter: anything else is page 1 and the fallback", () => {
		const shows = ['active', 'archived'] as const;
		const q = (search: string) =>
			listQuery(new URL(`http://localhost/ops/x${search}`), 'show', shows);
		expect(q('?show=archived&page=3')).toEqual({ page: 3, filter: 'archived' });
		for (const bad of ['?show=constructor&page=0x10', '?show=&page=-1', '?page=1e3', ''])
			expect(q(bad), bad).toEqual({ page: 1, filter: null });
		const url = new URL('http://localhost/ops/x?show=toString&page=2');
		expect(listQuery(url, 'show', shows, 'active')).toEqual({ page: 2, filter: 'active' });
		expect(listQuery(url)).toEqual({ page: 2, filter: null });
	});
});

describe('contact preferences refuse unknown opt-out values', () => {
	it('an unknown optOut value is refused next to the field and the saved opt-outs stay', () => {
		manualClock();
		const db = freshDb();
		const debtorId = makeDebtor(db);
		const me = { kind: 'debtor' as const, debtorId };
		const base = { preferredChannel: '', preferredFrom: '', preferredTo: '', language: 'hu' };
		savePreferences(db, me, { ...base, optOut: ['sms', 'letter'] });
		for (const optOut of [['bogus'], ['sms', 'constructor'], ['']]) {
			let err: unknown;
			try {
				savePreferences(db, me, { ...base, optOut });
			} catch (e) {
				err = e;
			}
			expect(err, optOut.join()).toBeInstanceOf(ValidationError);
			expect((err as ValidationError).fields.optOut).toEqual({ key: 'form.invalid' });
		}
		expect(getPreferences(db, me).optOut).toEqual({
			sms: true,
			email: false,
			call: false,
			letter: true,
			visit: false
		});
	});
});
