/**
 * Bad input against the built server (issue 15, items 6-9): a malformed form body is a 400 on every
 * form (was a 500; the upload forms called it "file too large"), request values used as keys are
 * own keys only (`sort=constructor` was a 500), an unknown opt-out value changes nothing saved,
 * and request values are parsed strictly (payment 0x10, 1,5 Ft, a 100,000-character reason).
 * The helpers themselves are tested in tests/integration/bad-input.test.ts.
 */
import { expect, test, request as pwRequest, type APIRequestContext } from '@playwright/test';
import Database from 'better-sqlite3';
import { BASE, debtorContext, demo, staffContext } from './access-helpers';

let handle: Database.Database | undefined;
function db(): Database.Database {
	handle ??= new Database(process.env.E2E_DATABASE_URL ?? './data/e2e.db', {
		readonly: true,
		fileMustExist: true
	});
	return handle;
}
const one = <T>(sql: string, ...p: unknown[]) =>
	db()
		.prepare(sql)
		.get(...p) as T | undefined;

const BROKEN = [
	{ name: 'garbage', type: 'multipart/form-data; boundary=x-boundary', body: 'garbage' },
	{ name: 'no boundary', type: 'multipart/form-data', body: 'a=1' },
	{
		name: 'unterminated part',
		type: 'multipart/form-data; boundary=x-boundary',
		body: '--x-boundary\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'
	}
];

async function postBroken(ctx: APIRequestContext, path: string) {
	const out: { name: string; status: number; text: string }[] = [];
	for (const b of BROKEN) {
		const r = await ctx.post(path, {
			headers: { 'content-type': b.type },
			data: b.body,
			maxRedirects: 0
		});
		out.push({ name: b.name, status: r.status(), text: await r.text() });
	}
	return out;
}

test.describe.configure({ mode: 'serial' });

test('a malformed multipart body is a 400 with a clear page on every form, not a 500', async () => {
	const anon = await pwRequest.newContext({
		baseURL: BASE,
		extraHTTPHeaders: { origin: BASE, accept: 'text/html' }
	});
	const debtor = await debtorContext(demo.debtors.anna.token, demo.debtors.anna.answer);
	const creditor = await staffContext(demo.creditorUsers.duna);
	const annaClaim = one<{ id: number }>(
		"SELECT c.id FROM claims c JOIN debtors d ON d.id = c.debtor_id WHERE d.name = ? AND c.status = 'open' ORDER BY c.id LIMIT 1",
		demo.debtors.anna.name
	)!.id;
	const forms: [APIRequestContext, string][] = [
		[anon, '/login?/login'],
		[anon, '/p?/answer'],
		[debtor, '/my/preferences'],
		[debtor, `/my/claims/${annaClaim}/promise`],
		[debtor, `/my/claims/${annaClaim}/dispute`],
		[debtor, `/my/claims/${annaClaim}/plan?/propose`],
		[creditor, '/creditor/placements?/upload']
	];
	for (const [ctx, path] of forms) {
		for (const r of await postBroken(ctx, path)) {
			expect(r.status, `${path} (${r.name})`).toBe(400);
			// the page says what happened (in Hungarian, the default language), not "too large"
			expect(r.text, `${path} (${r.name})`).toContain('Az űrlapot nem tudtuk beolvasni');
			expect(r.text).not.toMatch(/nagyobb, mint|legfeljebb \d+ MB lehet/);
		}
	}
	// a body that is not a form at all: refused by SvelteKit before the action, still no 500
	const plain = await anon.post('/login?/login', {
		headers: { 'content-type': 'text/plain' },
		data: 'email=a'
	});
	expect([400, 415]).toContain(plain.status());
	// the reserved action name on pages with named actions: SvelteKit throws on it (was a 500)
	for (const path of ['/belepes?/default', '/login?/default', '/my/preferences?/default'])
		for (const ctx of [anon, debtor])
			expect((await ctx.post(path, { form: { x: '1' }, maxRedirects: 0 })).status(), path).toBe(
				400
			);
	await Promise.all([anon.dispose(), debtor.dispose(), creditor.dispose()]);
});

test('sort=constructor and other prototype names are no sort: the list and its export answer 200', async () => {
	const creditor = await staffContext(demo.creditorUsers.duna);
	for (const sort of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
		const page = await creditor.get(`/creditor/claims?sort=${sort}&dir=asc`);
		expect(page.status(), `list sort=${sort}`).toBe(200);
		const csv = await creditor.get(`/creditor/claims/export?sort=${sort}`);
		expect(csv.status(), `export sort=${sort}`).toBe(200);
		expect(await csv.text()).toContain('\n');
	}
	for (const q of ['portfolio=0x10', 'portfolio=constructor', 'status=__proto__', 'stage=toString'])
		expect((await creditor.get(`/creditor/claims?${q}`)).status(), q).toBe(200);
	await creditor.dispose();
	// a debtor's page that looks a word of the address up in a table (the plan page's notice)
	const debtor = await debtorContext(demo.debtors.anna.token, demo.debtors.anna.answer);
	const claim = one<{ id: number }>(
		'SELECT c.id FROM claims c JOIN debtors d ON d.id = c.debtor_id WHERE d.name = ? ORDER BY c.id LIMIT 1',
		demo.debtors.anna.name
	)!.id;
	for (const done of ['constructor', 'toString', '__proto__']) {
		const r = await debtor.get(`/my/claims/${claim}/plan?done=${done}`);
		expect(r.status(), `plan done=${done}`).toBe(200);
		expect(await r.text()).not.toContain('native code');
	}
	await debtor.dispose();
});

test('an unknown opt-out value is refused next to the field and nothing saved changes', async () => {
	const who = demo.debtors.gabor;
	const debtorId = one<{ id: number }>(
		'SELECT id FROM debtors WHERE name = ? ORDER BY id LIMIT 1',
		who.name
	)!.id;
	const row = () =>
		JSON.stringify(one('SELECT * FROM contact_preferences WHERE debtor_id = ?', debtorId) ?? null);
	const before = row();
	const ctx = await debtorContext(who.token, who.answer);
	for (const optOut of [['bogus'], ['sms', 'constructor']]) {
		// optOut is a list: the name repeats, as the page's checkboxes send it
		const body = new URLSearchParams({
			preferredChannel: '',
			preferredFrom: '',
			preferredTo: '',
			language: 'hu'
		});
		for (const v of optOut) body.append('optOut', v);
		const res = await ctx.post('/my/preferences', {
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			data: body.toString(),
			maxRedirects: 0
		});
		expect(res.status(), optOut.join()).toBe(400);
		const html = await res.text();
		expect(html).toContain('id="optOut-error"');
		expect(html).toContain('Kérjük, ellenőrizze ezt a mezőt.');
		expect(row(), 'saved preferences unchanged').toBe(before);
	}
	await ctx.dispose();
});

test('refunds parse strictly: payment 0x10 is not payment 16, 1,5 Ft and a 100,000-character reason are refused', async () => {
	const ops = await staffContext(demo.operator);
	const pay = one<{ id: number }>(
		// the first the page lists (newest completed first), so that its row and the refusal beside it show
		"SELECT id FROM payments WHERE status = 'succeeded' AND currency = 'HUF' AND amount_minor >= 10000 ORDER BY coalesce(completed_at, created_at) DESC, id DESC LIMIT 1"
	);
	expect(pay, 'a succeeded HUF payment in the seed').toBeTruthy();
	const refunds = () => one<{ n: number }>('SELECT count(*) AS n FROM refunds')!.n;
	const before = refunds();
	const refund = (fields: Record<string, string>) =>
		ops.post('/ops/payments?/refund', {
			form: { taskId: '', seenRefunds: '', reason: 'duplicate charge', ...fields },
			maxRedirects: 0
		});
	// a hex id is no id (Number('0x10') is 16)
	const hex = `0x${pay!.id.toString(16)}`;
	expect((await refund({ paymentId: hex, amount: '100' })).status()).toBe(404);
	expect((await refund({ paymentId: ` ${pay!.id}`, amount: '100' })).status()).toBe(404);
	// HUF amounts we handle are whole forints
	const frac = await refund({ paymentId: String(pay!.id), amount: '1,5' });
	expect(frac.status()).toBe(400);
	expect(await frac.text()).toContain('Forintban egész összeget adjon meg');
	// free text has a maximum
	const long = await refund({
		paymentId: String(pay!.id),
		amount: '100',
		reason: 'x'.repeat(100_000)
	});
	expect(long.status()).toBe(400);
	expect(await long.text()).toContain('Legfeljebb 1000 karakter lehet.');
	expect(refunds(), 'no refund was made').toBe(before);
	await ops.dispose();
});
