/**
 * Issue 15 item 2 in the running server: creditor Tisza places a person and a company whose
 * identities (name and birth date; tax number) match debtors of creditor Duna, with its own names,
 * cities and addresses. The rows do not join Duna's debtor records (their contacts differ, and a
 * record's contacts get all its claims' reminders); then every creditor page, CSV export and chart
 * download Tisza can open is searched for the data Duna supplied: none of it may appear, and
 * Tisza's own claim pages show what Tisza supplied.
 */
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { demo, staffContext } from './access-helpers';
import { PLACEMENT_COLUMNS, isValidHuTaxNumber } from '../../src/lib/domain/placement';
import { CHARTS } from '../../src/lib/domain/report-tables';

const file = process.env.E2E_DATABASE_URL ?? './data/e2e.db';
const db = () => new Database(file, { readonly: true, fileMustExist: true });

/** Every creditor page and download without a parameter in its path, from the file system. */
function creditorRoutes(dir = path.resolve('src/routes/creditor'), url = '/creditor'): string[] {
	const out: string[] = [];
	const names = fs.readdirSync(dir, { withFileTypes: true });
	if (names.some((n) => n.name === '+page.svelte' || n.name === '+server.ts')) out.push(url);
	for (const n of names)
		if (n.isDirectory() && !n.name.includes('['))
			out.push(...creditorRoutes(path.join(dir, n.name), `${url}/${n.name}`));
	return out;
}

test('a placement matching another creditor’s debtors shows Tisza only what Tisza supplied', async () => {
	const r = db();
	const creditor = (p: string) =>
		r
			.prepare('SELECT id FROM creditors WHERE short_name LIKE ? ORDER BY id LIMIT 1')
			.pluck()
			.get(`${p}%`) as number;
	const duna = creditor('Duna');
	const tisza = creditor('Tisza');
	// Duna's debtors that Tisza has never placed, whose words Tisza's own data does not contain
	// (demo debtors and debtors with links are left to the other specs)
	const pick = (kind: 'person' | 'company') =>
		r
			.prepare(
				`SELECT d.id, d.name, d.birth_date AS birthDate, d.tax_number AS taxNumber, d.city, d.address FROM debtors d
				 WHERE d.kind = ? AND d.anonymized_at IS NULL AND d.id > 3
				   AND (d.kind = 'company' OR d.birth_date IS NOT NULL) AND (d.kind = 'person' OR d.tax_number IS NOT NULL)
				   AND EXISTS (SELECT 1 FROM claims c WHERE c.debtor_id = d.id AND c.creditor_id = ?)
				   AND NOT EXISTS (SELECT 1 FROM claims c WHERE c.debtor_id = d.id AND c.creditor_id != ?)
				   AND NOT EXISTS (SELECT 1 FROM access_links l WHERE l.debtor_id = d.id)
				   AND NOT EXISTS (SELECT 1 FROM claim_debtors x WHERE x.creditor_id = ? AND (x.name = d.name OR x.address = d.address))
				 ORDER BY d.id`
			)
			.all(kind, duna, duna, tisza) as {
			id: number;
			name: string;
			birthDate: string | null;
			taxNumber: string | null;
			city: string;
			address: string;
		}[];
	// a tax number the placement accepts (the seed does not give every company a valid one)
	const valid = <T extends { taxNumber: string | null }>(rows: T[]) =>
		rows.find((d) => d.taxNumber === null || isValidHuTaxNumber(d.taxNumber))!;
	const person = pick('person')[0];
	const company = valid(pick('company'));
	expect(person, 'a Duna person debtor').toBeTruthy();
	expect(company, 'a Duna company debtor').toBeTruthy();
	r.close();

	const stamp = Date.now().toString(36).toUpperCase();
	const ref1 = `TP-${stamp}-1`;
	const ref2 = `TP-${stamp}-2`;
	const csv = [
		PLACEMENT_COLUMNS.join(';'),
		`${ref1};person;${person.name};${person.birthDate};;7621;Tiszapüspöki E2E;E2E köz 1.;;;HUF;2025-11-01;50000;0;0;0;50000;e2e`,
		`${ref2};company;Tisza E2E Ügyfél Bt.;;${company.taxNumber};4025;Debrecen E2E;E2E tér 2.;;;HUF;2025-11-01;70000;0;0;0;70000;e2e`
	].join('\r\n');

	const ctx = await staffContext(demo.creditorUsers.tisza);
	const up = await ctx.post('/creditor/placements?/upload', {
		multipart: {
			portfolioName: `Tisza E2E ${stamp}`,
			file: { name: 'tp.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') }
		},
		maxRedirects: 0
	});
	expect(up.status()).toBe(303);
	const jobUrl = up.headers()['location'];
	expect(jobUrl).toMatch(/^\/creditor\/placements\/\d+$/);
	await expect(async () => {
		expect((await (await ctx.get(jobUrl)).text()).length).toBeGreaterThan(0);
		const s = await (await ctx.get(`${jobUrl}/status`)).json();
		expect(s.status).toBe('ready');
	}).toPass({ timeout: 20_000 });
	const confirm = await ctx.post(`${jobUrl}?/confirm`, { form: {}, maxRedirects: 0 });
	expect(confirm.status()).toBe(303);
	// the jobs worker places the confirmed rows off the request thread
	await expect(async () => {
		const s = await (await ctx.get(`${jobUrl}/status`)).json();
		expect(s.status).toBe('placed');
	}).toPass({ timeout: 20_000 });

	// with other contacts than Duna's records hold, the rows get records of their own: Tisza's
	// reminders go where Tisza says, never to the contacts Duna supplied (nor the other way round)
	const after = db();
	const claim = (ref: string) =>
		after
			.prepare(
				'SELECT id, debtor_id AS debtorId FROM claims WHERE creditor_id = ? AND reference = ?'
			)
			.get(tisza, ref) as { id: number; debtorId: number };
	const c1 = claim(ref1);
	const c2 = claim(ref2);
	expect(c1.debtorId).not.toBe(person.id);
	expect(c2.debtorId).not.toBe(company.id);
	after.close();

	// Duna's words for them; the person's name is the identity Tisza supplied itself
	const secrets = [
		company.name,
		person.address,
		company.address,
		`, ${person.city})`,
		`, ${company.city})`
	];
	const urls = [
		...creditorRoutes(),
		`/creditor/claims?q=${encodeURIComponent(company.name.split(' ')[0])}`,
		`/creditor/claims/export?q=${encodeURIComponent(company.name.split(' ')[0])}`,
		`/creditor/claims?q=${encodeURIComponent(person.name.split(' ')[0])}`,
		`/creditor/claims/${c1.id}`,
		`/creditor/claims/${c2.id}`,
		`${jobUrl}`,
		`${jobUrl}/status`,
		...CHARTS.map((c) => `/creditor/reports/${c}`)
	];
	const bodies: Record<string, string> = {};
	for (const url of urls) {
		const res = await ctx.get(url, { maxRedirects: 0 });
		expect(res.status(), url).toBe(200);
		const body = await res.text();
		bodies[url] = body;
		for (const s of secrets) expect(body, `${url} shows Duna's "${s}"`).not.toContain(s);
	}
	// what Tisza supplied is what Tisza sees
	expect(bodies[`/creditor/claims/${c1.id}`]).toContain('Tiszapüspöki E2E');
	expect(bodies[`/creditor/claims/${c2.id}`]).toContain('Tisza E2E Ügyfél Bt.');
	expect(bodies[`/creditor/claims/${c2.id}`]).toContain('Debrecen E2E');
	expect(bodies['/creditor/claims/export']).toContain(`${ref2};Tisza E2E Ügyfél Bt.`);
	expect(bodies['/creditor/claims']).toContain('Tisza E2E Ügyfél Bt.');
	// Duna's company name finds nothing of Tisza's; the new claims were found by Tisza's own words
	const q = `/creditor/claims?q=${encodeURIComponent(company.name.split(' ')[0])}`;
	expect(bodies[q]).not.toContain(ref2);
	await ctx.dispose();
});
