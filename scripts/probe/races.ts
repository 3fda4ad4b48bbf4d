/**
 * The probe's races: 20 parallel "pay in full" on one claim (one checkout must come of it), and
 * 40 parallel wrong passwords then the right one (the lock must hold).
 */
import http from 'node:http';
import type { Probe, Reply, Session } from './http';

export async function payRace(probe: Probe, anna: Session) {
	const { all, demo } = probe;
	const { record, problems } = probe.tally;
	const claim = all<{ id: number; balance: number }>(
		`select c.id, c.balance_minor as balance from claims c join debtors d on d.id = c.debtor_id
		 where d.name = ? and c.balance_minor > 0 and not exists
		 (select 1 from payments p where p.claim_id = c.id and p.status = 'pending') order by c.id limit 1`,
		demo.debtors.anna.name
	)[0];
	if (!claim) return problems.push('pay race: no claim without a pending payment');
	const before = all<{ n: number }>(
		'select count(*) as n from payments where claim_id = ?',
		claim.id
	)[0].n;
	const url = `/my/claims/${claim.id}?/pay`;
	const replies = await Promise.all(
		Array.from({ length: 20 }, () => anna.form(url, { fullMinor: String(claim.balance) }))
	);
	for (const r of replies) record('POST', url, r, 'pay race');
	const after = all<{ n: number; pending: number }>(
		`select count(*) as n, coalesce(sum(amount_minor), 0) as pending from payments
		 where claim_id = ? and status = 'pending'`,
		claim.id
	)[0];
	const made = all<{ n: number }>(
		'select count(*) as n from payments where claim_id = ?',
		claim.id
	)[0].n;
	const statuses = [...new Set(replies.map((r) => `${r.status} ${r.location ?? ''}`))];
	console.log(
		`pay race: 20 parallel "pay in full" on claim ${claim.id}: ${made - before} payment(s) made, pending total ${after.pending} of balance ${claim.balance}; answers: ${statuses.join(', ')}`
	);
	if (made - before !== 1) problems.push(`pay race: ${made - before} payments for one claim`);
	if (after.pending > claim.balance) problems.push('pay race: pending payments exceed the balance');
}

/**
 * A sign-in from its own address: on a server on this machine, from 127.0.0.2, so the fuzz's
 * refused sign-ins (counted against 127.0.0.1) do not lock the race out before it starts.
 */
function signInFrom(base: string, email: string, password: string): Promise<Reply> {
	const url = new URL('/login?/login', base);
	const local = ['localhost', '127.0.0.1'].includes(url.hostname);
	const body = new URLSearchParams({ email, password }).toString();
	return new Promise((resolve) => {
		const req = http.request(
			{
				host: local ? '127.0.0.1' : url.hostname,
				port: url.port,
				path: url.pathname + url.search,
				method: 'POST',
				localAddress: local ? '127.0.0.2' : undefined,
				agent: false,
				headers: {
					host: url.host,
					origin: base,
					accept: 'text/html',
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body)
				}
			},
			(res) => {
				let text = '';
				res.on('data', (c) => (text += c));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						location: res.headers.location ?? null,
						body: text
					})
				);
			}
		);
		req.on('error', (e) => resolve({ status: 0, location: null, body: String(e) }));
		req.end(body);
	});
}

export async function loginRace(probe: Probe) {
	const { all, demo, base } = probe;
	const { record, problems } = probe.tally;
	const who = demo.creditorUsers.pannon;
	// the checks made are the failures audited (a refused-while-locked attempt is audited otherwise)
	const failures = () =>
		all<{ n: number }>(
			`select count(*) as n from audit_log where action = 'auth.login_failed' and entity = 'staff_user'
			 and entity_id = (select id from staff_users where email = ?)`,
			who.email
		)[0].n;
	const before = failures();
	const wrong = await Promise.all(
		Array.from({ length: 40 }, () => signInFrom(base, who.email, 'wrong-' + who.password))
	);
	for (const r of wrong) record('POST', '/login?/login', r, 'login race');
	const tally = [...new Set(wrong.map((r) => r.status))].map(
		(st) => `${st}×${wrong.filter((r) => r.status === st).length}`
	);
	const checked = failures() - before;
	const right = await signInFrom(base, who.email, who.password);
	record('POST', '/login?/login', right, 'login race: right password');
	console.log(
		`login race: 40 parallel wrong passwords answered ${tally.join(', ')}, ${checked} checked; then the right one: ${right.status}`
	);
	if (checked === 0) problems.push('login race: no wrong password was checked (already locked?)');
	if (checked > 5) problems.push(`login race: ${checked} wrong passwords checked (limit 5)`);
	if (right.status === 303) problems.push('login race: the right password signed in while locked');
}
