/** Debtors (people and companies, some with contact preferences) and the amounts placed on them. */
import type { Balances } from '../../../domain/ledger';
import { DAY_MS } from '../../../domain/clock';
import {
	SURNAMES,
	MALE_NAMES,
	FEMALE_NAMES,
	PLACES,
	STREETS,
	COMPANY_PLACES,
	COMPANY_TRADES,
	EMAIL_DOMAINS,
	taxNumber,
	asciiLower
} from './data';

import { EMPTY_BAL, type SeedContext } from './context';

export const huf = (ft: number) => Math.round(ft) * 100;

export function debtorMaker(ctx: SeedContext) {
	const { rng, today, defs, isCompany, optOut } = ctx;
	const { ts } = ctx.cal;
	const { st } = ctx.w;
	const usedTax = new Set<string>();

	function newDebtor(d: number, companyShare: number): number {
		const id = ctx.ids.debtor++;
		const company = rng.chance(companyShare);
		const [postal, city] = rng.pick(PLACES);
		const address = `${rng.pick(STREETS)} ${rng.int(1, 120)}.${rng.chance(0.35) ? ` ${rng.int(1, 9)}/${rng.int(1, 20)}.` : ''}`;
		const created = ts(d, 7);
		const lang = rng.chance(0.03) ? 'en' : 'hu';
		let who: {
			kind: 'company' | 'person';
			name: string;
			birth: string | null;
			tax: string | null;
			email: string | null;
			phone: string | null;
		};
		if (company) {
			isCompany[id] = 1;
			const name = `${rng.pick(COMPANY_PLACES)} ${rng.pick(COMPANY_TRADES)} ${rng.pick(['Kft.', 'Kft.', 'Kft.', 'Bt.', 'Zrt.'])}`;
			let tax: string;
			do tax = taxNumber(rng.int(1_000_000, 9_999_999), rng.pick([1, 2, 2, 2, 3]), rng.int(2, 44));
			while (usedTax.has(tax));
			usedTax.add(tax);
			const email = rng.chance(0.9) ? `iroda${id}@${asciiLower(name.split(' ')[0])}.example` : null;
			const phone = rng.chance(0.7)
				? `+36 1 ${rng.int(200, 999)} ${String(rng.int(0, 9999)).padStart(4, '0')}`
				: null;
			who = { kind: 'company', name, birth: null, tax, email, phone };
		} else {
			const female = rng.chance(0.5);
			const surname = rng.pick(SURNAMES);
			const given = female ? rng.pick(FEMALE_NAMES) : rng.pick(MALE_NAMES);
			const name = `${surname} ${given}`;
			const birthYear = +today.slice(0, 4) - rng.int(19, 84);
			const birth = `${birthYear}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
			const email = rng.chance(0.6)
				? `${asciiLower(surname)}.${asciiLower(given)}${rng.int(1, 99)}@${rng.pick(EMAIL_DOMAINS)}`
				: null;
			const phone = rng.chance(0.85)
				? `+36 ${rng.pick(['20', '30', '70'])} ${rng.int(200, 999)} ${String(rng.int(0, 9999)).padStart(4, '0')}`
				: null;
			who = { kind: 'person', name, birth, tax: null, email, phone };
		}
		st.debtor.run(
			id,
			who.kind,
			who.name,
			who.birth,
			who.tax,
			postal,
			city,
			address,
			who.email,
			who.phone,
			lang,
			created
		);
		if (rng.chance(0.06)) {
			const mask = rng.pick([1, 2, 4, 5, 8, 16, 0]);
			optOut[id] = mask;
			const preferred = rng.pick(['email', 'sms', 'letter', null] as const);
			const window = rng.chance(0.3)
				? rng.pick([
						['17:00', '20:00'],
						['08:00', '12:00'],
						['10:00', '16:00']
					])
				: null;
			st.pref.run(
				id,
				preferred,
				window?.[0] ?? null,
				window?.[1] ?? null,
				mask & 1 ? 1 : 0,
				mask & 2 ? 1 : 0,
				mask & 4 ? 1 : 0,
				mask & 8 ? 1 : 0,
				mask & 16 ? 1 : 0,
				lang,
				created + DAY_MS
			);
		}
		return id;
	}

	function charges(ci: number, currency: 'HUF' | 'EUR', company: boolean): Balances {
		const b = EMPTY_BAL();
		const sector = defs[ci].sector;
		if (currency === 'EUR') {
			b.principal = Math.round(rng.logNormal(180_000, 0.9, 15_000, 4_000_000));
			b.interest = Math.round(b.principal * (0.03 + rng.next() * 0.12));
			if (rng.chance(0.8)) b.fee = 1_500;
			if (company) b.cost = 4_000;
			return b;
		}
		if (sector === 'bank') {
			b.principal = huf(rng.logNormal(320_000, 0.95, 20_000, 9_000_000));
			b.interest = huf((b.principal / 100) * (0.04 + rng.next() * 0.14));
		} else if (sector === 'utility') {
			b.principal = huf(rng.logNormal(42_000, 0.8, 4_000, 900_000));
			if (rng.chance(0.7)) b.interest = huf((b.principal / 100) * (0.005 + rng.next() * 0.025));
		} else {
			b.principal = huf(rng.logNormal(26_000, 0.85, 3_000, 500_000));
			if (rng.chance(0.5)) b.interest = huf((b.principal / 100) * rng.next() * 0.02);
		}
		if (rng.chance(0.8)) b.fee = defs[ci].fee;
		if (company)
			b.cost = huf(15_000); // C14: EUR 40 lump sum, in forints
		else if (rng.chance(0.15)) b.cost = huf(1_200); // postage of a registered letter
		return b;
	}
	return { newDebtor, charges };
}
