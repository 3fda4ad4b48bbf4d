/**
 * The probe's cross-tenant sweep: every creditor page, export and chart, opened as each creditor
 * user, must show none of another creditor's claim references, debtor names and addresses,
 * portfolio names or creditor names (read from the database); and a placement by Tisza matching
 * Duna's debtors must not let Tisza see Duna's data for them.
 */
import { CHARTS } from '../../src/lib/domain/report-tables';
import { PLACEMENT_COLUMNS, isValidHuTaxNumber } from '../../src/lib/domain/placement';
import { pool, type Probe, type Session, type Sessions } from './http';

const escapeHtml = (t: string) =>
	t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What creditor `id` must never see: other tenants' values it did not supply itself. */
function foreign({ all }: Probe, creditorId: number): string[] {
	const col = (sql: string) =>
		new Set(
			all<{ v: string }>(sql, creditorId)
				.map((r) => r.v.trim())
				.filter((v) => v.length > 3)
		);
	const own = new Set([
		...col('select reference as v from claims where creditor_id = ?'),
		...col('select name as v from claim_debtors where creditor_id = ?'),
		...col('select address as v from claim_debtors where creditor_id = ?'),
		...col('select name as v from portfolios where creditor_id = ?'),
		...col('select name as v from creditors where id = ?')
	]);
	const theirs = new Set([
		...col('select reference as v from claims where creditor_id <> ?'),
		...col('select name as v from claim_debtors where creditor_id <> ?'),
		...col('select address as v from claim_debtors where creditor_id <> ?'),
		...col('select portfolio_name as v from placement_jobs where creditor_id <> ?'),
		// the shared debtor record (may hold what another creditor supplied)
		...col(
			'select d.name as v from debtors d where d.id in (select debtor_id from claims where creditor_id <> ?)'
		),
		...col(
			'select d.address as v from debtors d where d.id in (select debtor_id from claims where creditor_id <> ?)'
		),
		...col('select name as v from portfolios where creditor_id <> ?'),
		...col('select name as v from creditors where id <> ?')
	]);
	return [...theirs].filter((v) => ![...own].some((o) => o.includes(v)));
}

export async function sweep(probe: Probe, s: Sessions) {
	const { all, demo, concurrency } = probe;
	const { record, problems } = probe.tally;
	let pages = 0;
	for (const [key, user] of Object.entries(demo.creditorUsers)) {
		const who = s[key];
		const creditorId = all<{ id: number }>(
			'select creditor_id as id from staff_users where email = ?',
			user.email
		)[0].id;
		const forbidden = foreign(probe, creditorId);
		const urls = [
			'/creditor',
			'/creditor/claims',
			'/creditor/claims?sort=debtor',
			'/creditor/claims?sort=reference&dir=desc',
			'/creditor/claims/export',
			'/creditor/placements',
			'/creditor/placements/template',
			'/creditor/rules',
			...CHARTS.map((c) => `/creditor/reports/${c}`)
		];
		for (const c of all<{ id: number }>('select id from claims where creditor_id = ?', creditorId))
			urls.push(`/creditor/claims/${c.id}`);
		for (const p of all<{ id: number }>(
			'select id from placement_jobs where creditor_id = ?',
			creditorId
		))
			urls.push(`/creditor/placements/${p.id}`, `/creditor/placements/${p.id}/status`);
		await pool(concurrency, urls, async (url) => {
			const r = await who.send('GET', url);
			record('GET', url, r, `sweep ${key}`);
			pages++;
			for (const v of forbidden)
				if (r.body.includes(v) || r.body.includes(escapeHtml(v)))
					problems.push(`LEAK ${key} sees "${v}" on ${url}`);
		});
		// searching for another tenant's value finds what searching for nonsense of the same length
		// finds (the search box echoes the term, so the pages are compared with it taken out)
		const strip = (body: string, term: string) =>
			body
				.replaceAll(term, '§')
				.replaceAll(escapeHtml(term), '§')
				.replaceAll(encodeURIComponent(term), '§')
				.replace(/nonce="[^"]*"/g, '');
		await pool(concurrency, forbidden.slice(0, 40), async (v) => {
			const nonsense = 'Q'.repeat(v.length);
			const url = `/creditor/claims?q=${encodeURIComponent(v)}`;
			const [hit, miss] = [
				await who.send('GET', url),
				await who.send('GET', `/creditor/claims?q=${nonsense}`)
			];
			record('GET', url, hit, `sweep ${key}`);
			pages++;
			if (strip(hit.body, v) !== strip(miss.body, nonsense))
				problems.push(`LEAK ${key}: searching for "${v}" answers otherwise than for nonsense`);
		});
	}
	console.log(`sweep: ${pages} creditor pages checked`);
}

/**
 * Tisza places two rows whose identity matches debtors only Duna has placed (a person by name and
 * birth date, a company by tax number alone), with its own address and company name: the rows join
 * Duna's debtor records, and the sweep then checks Tisza sees none of Duna's data for them.
 */
export async function placeMatchingRows(probe: Probe, tisza: Session) {
	const { all } = probe;
	const { record, problems } = probe.tally;
	const pick = (kind: 'person' | 'company') =>
		all<{ name: string; birthDate: string | null; taxNumber: string | null }>(
			`select d.name, d.birth_date as birthDate, d.tax_number as taxNumber from debtors d
			 where d.kind = ? and d.anonymized_at is null
			   and (d.kind = 'company' or d.birth_date is not null) and (d.kind = 'person' or d.tax_number is not null)
			   and exists (select 1 from claims c join creditors k on k.id = c.creditor_id where c.debtor_id = d.id and k.name like 'Duna%')
			   and not exists (select 1 from claims c join creditors k on k.id = c.creditor_id where c.debtor_id = d.id and k.name not like 'Duna%')
			   and not exists (select 1 from access_links l where l.debtor_id = d.id)
			 order by d.id`,
			kind
		).filter((d) => d.taxNumber === null || isValidHuTaxNumber(d.taxNumber))[0];
	const person = pick('person');
	const company = pick('company');
	if (!person || !company) return problems.push('placement: no Duna-only debtors to match');
	const stamp = Date.now().toString(36).toUpperCase();
	const csv = [
		PLACEMENT_COLUMNS.join(';'),
		`PR-${stamp}-1;person;${person.name};${person.birthDate};;7621;Probaváros;Próba köz 1.;;;HUF;2025-11-01;50000;0;0;0;50000;probe`,
		`PR-${stamp}-2;company;Próba Ügyfél Bt.;;${company.taxNumber};4025;Probaváros;Próba tér 2.;;;HUF;2025-11-01;70000;0;0;0;70000;probe`
	].join('\r\n');
	const fd = new FormData();
	fd.append('portfolioName', `Tisza probe ${stamp}`);
	fd.append('file', new Blob([csv], { type: 'text/csv' }), 'probe.csv');
	const up = await tisza.send('POST', '/creditor/placements?/upload', fd);
	record('POST', '/creditor/placements?/upload', up, 'placement');
	const job = up.location;
	if (up.status !== 303 || !job) return problems.push(`placement upload: ${up.status}`);
	const until = async (status: string) => {
		for (let i = 0; i < 100; i++) {
			const r = await tisza.send('GET', `${job}/status`, undefined, { accept: 'application/json' });
			if (r.status === 200 && JSON.parse(r.body).status === status) return true;
			await new Promise((ok) => setTimeout(ok, 200));
		}
		return false;
	};
	if (!(await until('ready'))) return problems.push('placement: never ready');
	const c = await tisza.form(`${job}?/confirm`, {});
	record('POST', `${job}?/confirm`, c, 'placement');
	if (!(await until('placed'))) return problems.push('placement: never placed');
	console.log(
		`placement: Tisza placed 2 rows matching Duna's debtors ${person.name} and ${company.taxNumber}`
	);
}
