/**
 * The demo logins and debtor links, as data. The seed creates exactly these for any `--seed`
 * (tokens and the admin's TOTP key are derived from the seed), the seed and `npm run demo` print
 * them, the README lists them for the default seed, and e2e specs import them:
 *
 *   import { demoAccounts } from '../../src/lib/server/db/seed/demo-accounts';
 *   const demo = demoAccounts(7); // scripts/e2e-server.mjs seeds with --seed 7
 *
 * Plain relative imports only (no `$lib`), so Playwright and tsx load it as is.
 * Demo credentials only: never seed a production database.
 */
import { encodeBase32LowerCaseNoPadding, encodeBase32UpperCaseNoPadding } from '@oslojs/encoding';
import { sha256Text } from '../../auth/tokens';
import type { DebtorDetails } from '../../../domain/placement';

/** The seed that `scripts/e2e-server.mjs` uses. */
export const E2E_SEED = 7;

export type DemoCreditorKey = 'duna' | 'tisza' | 'pannon';

export interface DemoStaff {
	role: 'admin' | 'operator' | 'creditor' | 'field_agent';
	email: string;
	password: string;
	name: string;
	/** creditor users only */
	creditor?: DemoCreditorKey;
}

export type DemoQuestion = 'birth_date' | 'tax_number' | 'postal_code';

export interface DemoDebtor extends DebtorDetails {
	key: 'anna' | 'gabor' | 'kert';
	kind: 'person' | 'company';
	name: string;
	email: string;
	phone: string;
	/** what the link asks, and the answer that opens it */
	question: DemoQuestion;
	answer: string;
	/** the 32-character token of the link (path /p/<token>) */
	token: string;
	path: string;
	/** one line for the README / console */
	about: string;
}

export interface DemoAccounts {
	seed: number;
	admin: DemoStaff;
	operator: DemoStaff;
	/** visits debtors at home in the region `fieldRegion` (postal codes, inclusive) */
	fieldAgent: DemoStaff;
	fieldRegion: { from: string; to: string };
	creditorUsers: Record<DemoCreditorKey, DemoStaff>;
	staff: DemoStaff[];
	/** the admin's TOTP key (20 bytes), and the same base32-encoded for an authenticator app */
	adminTotpKey: Uint8Array;
	adminTotpKeyBase32: string;
	debtors: Record<DemoDebtor['key'], DemoDebtor>;
	links: DemoDebtor[];
}

const derive = (label: string, seed: number) =>
	sha256Text(`rendez-demo:${label}:${seed}`).slice(0, 20);

/** The 32-char lower-case base32 token (same format as auth/tokens.ts randomToken) for a demo link. */
export function demoToken(seed: number, key: string): string {
	return encodeBase32LowerCaseNoPadding(derive(`link:${key}`, seed));
}

export function demoTotpKey(seed: number): Uint8Array {
	return derive('totp', seed);
}

export function demoAccounts(seed = 1): DemoAccounts {
	const admin: DemoStaff = {
		role: 'admin',
		email: 'admin@rendez.example',
		password: 'Admin-Demo-2026',
		name: 'Rendszergazda Réka'
	};
	const operator: DemoStaff = {
		role: 'operator',
		email: 'operator@rendez.example',
		password: 'Operator-Demo-2026',
		name: 'Operátor Olivér'
	};
	const fieldAgent: DemoStaff = {
		role: 'field_agent',
		email: 'field@rendez.example',
		password: 'Field-Demo-2026',
		name: 'Terepi Tamás'
	};
	const creditorUsers: Record<DemoCreditorKey, DemoStaff> = {
		duna: {
			role: 'creditor',
			creditor: 'duna',
			email: 'duna@creditor.example',
			password: 'Duna-Demo-2026',
			name: 'Kiss Éva (Duna Bank)'
		},
		tisza: {
			role: 'creditor',
			creditor: 'tisza',
			email: 'tisza@creditor.example',
			password: 'Tisza-Demo-2026',
			name: 'Horváth Péter (Tisza Energia)'
		},
		pannon: {
			role: 'creditor',
			creditor: 'pannon',
			email: 'pannon@creditor.example',
			password: 'Pannon-Demo-2026',
			name: 'Varga Zsófia (Pannon Telekom)'
		}
	};
	const link = (key: DemoDebtor['key']) => {
		const token = demoToken(seed, key);
		return { token, path: `/p/${token}` };
	};
	const debtors: Record<DemoDebtor['key'], DemoDebtor> = {
		anna: {
			key: 'anna',
			kind: 'person',
			name: 'Kovács Anna',
			birthDate: '1984-05-17',
			taxNumber: null,
			postalCode: '1117',
			city: 'Budapest',
			address: 'Bartók Béla út 64.',
			email: 'kovacs.anna@posta.example',
			phone: '+36 30 555 1234',
			question: 'birth_date',
			answer: '1984-05-17',
			...link('anna'),
			about:
				'three claims (Duna Bank loan over 600 000 Ft, so a plan is allowed; Duna Bank card; Pannon Telekom)'
		},
		gabor: {
			key: 'gabor',
			kind: 'person',
			name: 'Szabó Gábor',
			// the utility holds only his address, so the postal code is the question (a postal
			// code is never asked where a birth date is on file)
			birthDate: null,
			taxNumber: null,
			postalCode: '6720',
			city: 'Szeged',
			address: 'Kárász utca 9.',
			email: 'szabo.gabor@levelezo.example',
			phone: '+36 20 555 4321',
			question: 'postal_code',
			answer: '6720',
			...link('gabor'),
			about: 'one Tisza Energia electricity bill (answers with the postal code)'
		},
		kert: {
			key: 'kert',
			kind: 'company',
			name: 'Fényes Kert Kft.',
			birthDate: null,
			taxNumber: '12345676-2-06',
			postalCode: '6000',
			city: 'Kecskemét',
			address: 'Rákóczi út 15.',
			email: 'iroda@fenyeskert.example',
			phone: '+36 76 555 0199',
			question: 'tax_number',
			answer: '12345676-2-06',
			...link('kert'),
			about:
				'a company with a Tisza Energia gas bill and a Pannon Telekom contract (answers with the tax number)'
		}
	};
	const adminTotpKey = demoTotpKey(seed);
	return {
		seed,
		admin,
		operator,
		fieldAgent,
		// Budapest
		fieldRegion: { from: '1000', to: '1239' },
		creditorUsers,
		staff: [
			admin,
			operator,
			creditorUsers.duna,
			creditorUsers.tisza,
			creditorUsers.pannon,
			fieldAgent
		],
		adminTotpKey,
		adminTotpKeyBase32: encodeBase32UpperCaseNoPadding(adminTotpKey),
		debtors,
		links: [debtors.anna, debtors.gabor, debtors.kert]
	};
}

/** Printable summary (the seed and `npm run demo` print it). */
export function demoAccountsText(seed: number, baseUrl: string): string {
	const d = demoAccounts(seed);
	const lines: string[] = [];
	lines.push(`Staff sign-in: ${baseUrl}/login`);
	for (const s of d.staff) {
		lines.push(
			`  ${s.role.padEnd(11)} ${s.email.padEnd(26)} ${s.password}${s.creditor ? `  (${s.name})` : ''}`
		);
	}
	lines.push(`  admin TOTP key (add to an authenticator app): ${d.adminTotpKeyBase32}`);
	lines.push('Debtor links:');
	for (const l of d.links) {
		const q =
			l.question === 'birth_date'
				? 'birth date'
				: l.question === 'tax_number'
					? 'tax number'
					: 'postal code';
		lines.push(`  ${baseUrl}${l.path}`);
		lines.push(`    ${l.name}: ${l.about}; ${q}: ${l.answer}`);
	}
	return lines.join('\n');
}
