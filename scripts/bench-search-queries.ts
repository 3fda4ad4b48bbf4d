/**
 * The operator-search queries the benchmarks time (bench-search, bench-ops), drawn from the
 * database's own rows at random: a name fragment (a word of the surname cut to 4-6 letters, with
 * the first name's start, without accents), 7 digits of a phone number, and a reference prefix.
 */
import type { SqliteDatabase } from '../src/lib/server/db/sqlite';

export function searchQueries(sql: SqliteDatabase): Record<string, () => string> {
	const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
	const maxDebtor = sql.prepare('SELECT max(id) FROM debtors').pluck().get() as number;
	const maxClaim = sql.prepare('SELECT max(id) FROM claims').pluck().get() as number;
	const debtorAt = sql.prepare(
		'SELECT name, phone FROM debtors WHERE id >= ? AND anonymized_at IS NULL ORDER BY id LIMIT 1'
	);
	const refAt = sql
		.prepare('SELECT reference FROM claims WHERE id >= ? ORDER BY id LIMIT 1')
		.pluck();
	const rnd = (n: number) => 1 + Math.floor(Math.random() * n);
	return {
		name: () => {
			const d = debtorAt.get(rnd(maxDebtor)) as { name: string };
			const [sur, first = ''] = fold(d.name).split(' ');
			const cut = sur.slice(0, 4 + Math.floor(Math.random() * 3));
			return first.length >= 3 && Math.random() < 0.5 ? `${first.slice(0, 3)} ${cut}` : cut;
		},
		phone: () => {
			let p: string | null = null;
			while (!p) p = (debtorAt.get(rnd(maxDebtor)) as { phone: string | null }).phone;
			const digits = p.replace(/\D/g, '');
			return digits.slice(-7);
		},
		reference: () => {
			const r = refAt.get(rnd(maxClaim)) as string;
			return r.slice(0, Math.max(3, r.length - 2));
		}
	};
}
