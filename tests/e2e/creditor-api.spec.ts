/**
 * The creditors' API against the built server (issue 20, item 6): the creditor's administrator
 * makes keys on /creditor/api (shown once), then plain HTTP calls with them: every answer matches
 * the schema the OpenAPI document publishes (strictly), another creditor's claim is 404, a
 * read-only key cannot write, no key is 401, a placement sent twice with one Idempotency-Key
 * places once, a body over the limit is 413, and a recall stops the claim. The page is axe-clean.
 */
import { expect, request as pwRequest, test, type Page } from '@playwright/test';
import Database from '../../src/lib/server/db/sqlite';
import {
	BalanceSchema,
	ClaimPageSchema,
	ClaimSchema,
	EventsSchema,
	PaymentsSchema,
	PlacedSchema
} from '../../src/lib/server/http/api-doc';
import { axeClean, BASE, demo, E2E_DB, gotoReady, signInPage, WCAG22_AA } from './access-helpers';
import type { DemoStaff } from '../../src/lib/server/db/seed/demo-accounts';

function one(sql: string, ...p: unknown[]): number {
	const db = new Database(E2E_DB, { readonly: true, fileMustExist: true });
	try {
		return db
			.prepare(sql)
			.pluck()
			.get(...p) as number;
	} finally {
		db.close();
	}
}

/** A creditor's user signs in, lands on /creditor and opens the API page. */
async function openApiPage(page: Page, who: DemoStaff) {
	await signInPage(page, who);
	await page.waitForURL((u) => u.pathname === '/creditor');
	await gotoReady(page, '/creditor/api');
}

async function makeKey(page: Page, name: string, scope: 'read' | 'read_write') {
	await gotoReady(page, '/creditor/api');
	await page.getByLabel(/^Megnevezés|^Name/).fill(name);
	await page.getByLabel(/^Jogosultság|^Scope/).selectOption(scope);
	await page.getByRole('button', { name: /Kulcs létrehozása|Create key/ }).click();
	const text = await page.getByTestId('new-key').innerText();
	return /rk_[a-z2-7]{8}_[a-z2-7]{32}/.exec(text)![0];
}

const placement = (reference: string) => ({
	reference,
	debtor_type: 'person',
	debtor_name: 'Próba Pál',
	birth_date: '1979-03-04',
	postal_code: '6720',
	city: 'Szeged',
	address: 'Kárász u. 5.',
	currency: 'HUF',
	due_date: '2026-10-01',
	principal: '25000',
	interest: '0',
	fees: '0',
	costs: '0',
	total: '25000',
	description: 'API test'
});

test('a creditor places and reads claims through the API with keys made on its page', async ({
	page
}) => {
	await openApiPage(page, demo.creditorUsers.duna);
	const write = await makeKey(page, 'ERP', 'read_write');
	const read = await makeKey(page, 'Reports', 'read');
	await expect(page.getByTestId('api-keys')).toContainText('ERP');
	await expect(page.getByTestId('api-keys')).not.toContainText(write.slice(12));
	await axeClean(page, WCAG22_AA);

	const api = await pwRequest.newContext({ baseURL: `${BASE}/api/v1/` });
	const as = (key: string, more: Record<string, string> = {}) => ({
		headers: { authorization: `Bearer ${key}`, ...more }
	});
	expect((await api.get('claims')).status()).toBe(401);
	expect((await api.get('claims', as('rk_aaaaaaaa_' + 'a'.repeat(32)))).status()).toBe(401);

	const page1 = ClaimPageSchema.parse(await (await api.get('claims?limit=5', as(read))).json());
	expect(page1.data).toHaveLength(5);
	const own = page1.data[0].id;
	const dunaId = one('SELECT creditor_id FROM claims WHERE id = ?', own);
	const foreign = one('SELECT id FROM claims WHERE creditor_id <> ? ORDER BY id LIMIT 1', dunaId);
	// the tenant sweep of the API: every endpoint answers 404 for another creditor's claim
	for (const tail of ['', '/balance', '/payments', '/events'])
		expect((await api.get(`claims/${foreign}${tail}`, as(read))).status()).toBe(404);
	// an address no endpoint has answers in the same JSON shape, not with the site's page
	for (const path of ['claims/abc', `claims/${own}/nothing`, 'nothing']) {
		const r = await api.get(path, as(read));
		expect(r.status()).toBe(404);
		expect(await r.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
	}
	ClaimSchema.parse(await (await api.get(`claims/${own}`, as(read))).json());
	BalanceSchema.parse(await (await api.get(`claims/${own}/balance`, as(read))).json());
	PaymentsSchema.parse(await (await api.get(`claims/${own}/payments`, as(read))).json());
	EventsSchema.parse(await (await api.get(`claims/${own}/events`, as(read))).json());

	const ref = `API-E2E-${Date.now()}`;
	expect((await api.post('claims', { ...as(read), data: placement(ref) })).status()).toBe(403);
	// a form-encoded body (curl -d) gets the API's JSON answer, not the site's cross-site refusal
	const form = await api.post('claims', { ...as(write), form: { reference: ref } });
	expect(form.status()).toBe(400);
	expect(await form.json()).toEqual({
		error: { code: 'bad_request', message: 'The body must be JSON.' }
	});
	const once = as(write, { 'idempotency-key': `k-${ref}` });
	const first = await api.post('claims', { ...once, data: placement(ref) });
	const second = await api.post('claims', { ...once, data: placement(ref) });
	expect([first.status(), second.status()]).toEqual([201, 201]);
	expect(second.headers()['idempotent-replayed']).toBe('true');
	const placed = PlacedSchema.parse(await first.json());
	expect(PlacedSchema.parse(await second.json()).claim.id).toBe(placed.claim.id);
	expect(one('SELECT count(*) FROM claims WHERE reference = ?', ref)).toBe(1);
	const reused = await api.post('claims', { ...once, data: placement(`${ref}-other`) });
	expect(reused.status()).toBe(422);
	const invalid = await api.post('claims', {
		...as(write),
		data: { ...placement(`${ref}-x`), total: '1' }
	});
	expect(invalid.status()).toBe(422);
	// each refused field as a code for programs and in words, English unless Hungarian is asked for
	const refused = (await invalid.json()).error;
	expect(refused.fields.total).toBe('placement.err.totalMismatch');
	expect(refused.messages.total).toMatch(/total/i);
	expect(refused.messages.total).not.toContain('placement.err');
	const inHungarian = await api.post('claims', {
		...as(write, { 'accept-language': 'hu-HU,hu;q=0.9' }),
		data: { ...placement(`${ref}-y`), total: '1' }
	});
	expect((await inHungarian.json()).error.messages.total).toMatch(/összeg/i);
	expect((await api.post('claims', { ...as(write), data: 'not json{' })).status()).toBe(400);
	// a body over the API's limit (256 KB): 413 in the API's error shape, nothing placed
	const huge = await api.post('claims', {
		...as(write),
		data: { ...placement(`${ref}-huge`), description: 'x'.repeat(2_000_000) }
	});
	expect(huge.status()).toBe(413);
	expect((await huge.json()).error.code).toBe('too_large');

	const foreignRecall = await api.post(`claims/${foreign}/recall`, {
		...as(write),
		data: { reason: 'not ours' }
	});
	expect(foreignRecall.status()).toBe(404);
	const recalled = await api.post(`claims/${placed.claim.id}/recall`, {
		...as(write),
		data: { reason: 'Placed by mistake' }
	});
	expect(ClaimSchema.parse(await recalled.json())).toMatchObject({
		status: 'closed',
		closeReason: 'recalled'
	});
	const doc = await (await api.get('openapi.json')).json();
	expect(Object.keys(doc.paths).sort()).toEqual([
		'/claims',
		'/claims/{id}',
		'/claims/{id}/balance',
		'/claims/{id}/events',
		'/claims/{id}/payments',
		'/claims/{id}/recall'
	]);
	await api.dispose();
});

test('a webhook address inside the network is refused next to its field; a delivery refused when sent says why', async ({
	page
}) => {
	await openApiPage(page, demo.creditorUsers.duna);
	const url = page.getByLabel(/^Cím \(https\)|^Address \(https\)/);
	// the probe's address: loopback written as an IPv4-mapped IPv6 address
	await url.fill('https://[::ffff:127.0.0.1]:4599/hook');
	await page.getByRole('button', { name: /Webhook felvétele|Add webhook/ }).click();
	await expect(page.locator('#h-url-error')).toHaveText(
		/Belső hálózati címre nem küldünk értesítést\.|We do not send notices to internal network addresses\./
	);
	expect(one("SELECT count(*) FROM webhook_endpoints WHERE url LIKE '%::ffff%'")).toBe(0);

	const host = `hooks-${Date.now()}.duna.example`;
	await url.fill(`https://${host}/rendez`);
	await page.getByRole('button', { name: /Webhook felvétele|Add webhook/ }).click();
	await expect(page.getByTestId('new-secret')).toBeVisible();
	// a delivery the sender refused (its name resolved to an internal address), as it records one
	const db = new Database(E2E_DB);
	try {
		const endpoint = db
			.prepare('SELECT id FROM webhook_endpoints WHERE url = ?')
			.pluck()
			.get(`https://${host}/rendez`) as number;
		const claim = db
			.prepare(
				'SELECT c.id FROM claims c JOIN webhook_endpoints e ON e.creditor_id = c.creditor_id WHERE e.id = ? ORDER BY c.id LIMIT 1'
			)
			.pluck()
			.get(endpoint) as number;
		const auditId = db.prepare('SELECT max(id) FROM audit_log').pluck().get() as number;
		db.prepare(
			`INSERT INTO webhook_deliveries (endpoint_id, audit_id, event_id, event_type, claim_id, payload, state, attempts, next_attempt_at, last_error, created_at)
			 VALUES (?, ?, ?, 'claim.recalled', ?, '{}', 'failed', 1, ?, 'address_refused', ?)`
		).run(endpoint, auditId, `evt_${auditId}`, claim, Date.now(), Date.now());
	} finally {
		db.close();
	}
	await gotoReady(page, '/creditor/api');
	await expect(page.getByTestId('deliveries')).toContainText(
		/Nem küldtük el: a cím belső hálózatba vagy erre a gépre mutat\.|Not sent: the address leads into an internal network or to this server\./
	);
	await expect(page.getByTestId('deliveries')).not.toContainText('address_refused');
	await axeClean(page, WCAG22_AA);
});

test('a refused webhook keeps the address typed and exactly the events ticked', async ({
	page
}) => {
	await openApiPage(page, demo.creditorUsers.duna);
	const hooks = page.locator('section[aria-labelledby="h-hooks"]');
	const boxes = hooks.locator('input[name="events"]');
	const url = hooks.getByLabel(/^Cím \(https\)|^Address \(https\)/);
	const path = `/hook-${Date.now()}`;
	await url.fill(`http://example.com${path}`);
	for (const box of await boxes.all()) await box.uncheck();
	await hooks.getByLabel(/részletfizetés megszakadt|plan broken/).check();
	await hooks.getByRole('button', { name: /Webhook felvétele|Add webhook/ }).click();
	await expect(hooks.getByText(/https:\/\/ kezdetű|https:\/\//).first()).toBeVisible();
	await expect(url).toHaveValue(`http://example.com${path}`);
	const ticked = async () =>
		(await boxes.evaluateAll((els) =>
			els.filter((e) => (e as HTMLInputElement).checked).map((e) => (e as HTMLInputElement).value)
		)) as string[];
	expect(await ticked()).toEqual(['plan.broken']);

	// the same without JavaScript: the page the server sends back
	const plain = await page.request.post('/creditor/api?/addHook', {
		form: { url: `http://example.com${path}`, events: 'plan.broken' },
		headers: { origin: BASE, accept: 'text/html' }
	});
	const html = await plain.text();
	expect(html.match(/name="events"[^>]*checked/g) ?? []).toHaveLength(1);
	expect(html).toContain(`value="http://example.com${path}"`);

	await url.fill(`https://example.com${path}`);
	await hooks.getByRole('button', { name: /Webhook felvétele|Add webhook/ }).click();
	await expect(page.getByTestId('new-secret')).toBeVisible();
	const events = one(
		`SELECT events_json FROM webhook_endpoints WHERE url = ?`,
		`https://example.com${path}`
	);
	expect(JSON.parse(events as unknown as string)).toEqual(['plan.broken']);
});

test('a new key is shown once with a copy button that puts exactly the key on the clipboard (walkthrough item 7)', async ({
	browser
}) => {
	const ctx = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
	const page = await ctx.newPage();
	await openApiPage(page, demo.creditorUsers.tisza);
	const key = await makeKey(page, 'Copy test', 'read');
	const copy = page.getByTestId('new-key').getByRole('button', { name: /másolása|Copy/ });
	await copy.click();
	await expect(copy).toHaveText(/Kimásolva|Copied/);
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);
	await axeClean(page, WCAG22_AA);
	await ctx.close();
});
