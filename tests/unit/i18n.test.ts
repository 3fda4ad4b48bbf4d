import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { translate, hasKey, dictionary, format } from '../../src/lib/i18n';
import { buildOnce, loadMessages, withStaffMessages } from '../../src/lib/i18n/messages';

/** The placeholder rule as a regular expression: the reference `format` is checked against. */
const byRegex = (text: string, params: Record<string, string>) =>
	text.replace(/\{(\w+)\}/g, (m, name: string) =>
		Object.hasOwn(params, name) ? String(params[name]) : m
	);

describe('i18n', () => {
	it('defaults to Hungarian and fills placeholders', () => {
		expect(translate('hu', 'error.reference', { id: 'abc' })).toContain('abc');
		expect(translate('en', 'nav.home')).toBe('Home');
		expect(translate('hu', 'nav.home')).toBe('Főoldal');
	});
	it("writes a calendar-date parameter in words in the reader's language, and leaves other values alone", () => {
		expect(translate('hu', 'portal.promise.error.tooFar', { date: '2027-01-02' })).toBe(
			'A dátum legkésőbb 2027. január 2. lehet.'
		);
		expect(translate('en', 'plans.rule.firstLatest', { latest: '2027-01-02', days: 30 })).toContain(
			'2 January 2027'
		);
		// not a date: a reference, a date with a time, or no language given
		expect(translate('hu', 'error.reference', { id: 'DB-2026-0000001' })).toContain(
			'DB-2026-0000001'
		);
		const d = dictionary({ 'x.y': 'a {date} b {name}' } as never);
		expect(format(d, 'x.y', { date: '2027-01-02T10:00', name: 'x' }, 'hu')).toBe(
			'a 2027-01-02T10:00 b x'
		);
		expect(format(d, 'x.y', { date: '2026-13-01', name: 'x' }, 'hu')).toBe('a 2026-13-01 b x');
		expect(format(d, 'x.y', { date: '2027-01-02', name: 'x' })).toBe('a 2027-01-02 b x');
		// a portfolio named after its day keeps its name; only date parameters are dates
		expect(format(d, 'x.y', { date: '2027-01-02', name: '2026-03-02' }, 'hu')).toBe(
			'a 2027. január 2. b 2026-03-02'
		);
	});

	it('Hungarian "a(z)" before a value is the article it takes', () => {
		const d = dictionary({
			'x.a': 'a(z) {v} ügy',
			'x.b': 'A(z) {v}. sor',
			'x.q': 'a(z) „{v}” mappa'
		} as never);
		const hu = (key: string, v: string | number) => format(d, key, { v }, 'hu');
		for (const [v, article] of [
			['Duna Bank Zrt.', 'a'],
			['Otp Bank', 'az'],
			['Észak Kft.', 'az'],
			['DB-2026-0000145', 'a'], // dé-bé
			['RZ-2026-0000001', 'az'], // er-zé
			['SMS', 'az'],
			['PT-2026', 'a'],
			[1, 'az'], // egy
			[5, 'az'], // öt
			[3, 'a'],
			[10, 'a'], // tíz
			[11, 'a'], // tizenegy
			[50, 'az'], // ötven
			[100, 'a'], // száz
			[500, 'az'], // ötszáz
			[1000, 'az'], // ezer
			[1500, 'az'], // ezerötszáz
			[2000, 'a'], // kétezer
			[5000, 'az'], // ötezer
			[1_000_000, 'az'] // egymillió
		] as const)
			expect(hu('x.a', v), String(v)).toBe(`${article} ${v} ügy`);
		expect(hu('x.b', 5)).toBe('Az 5. sor');
		expect(hu('x.b', 7)).toBe('A 7. sor');
		expect(hu('x.q', 'Őszi átadás')).toBe('az „Őszi átadás” mappa');
		// English texts, and a text without a language, are left as they are
		expect(format(d, 'x.a', { v: 'Otp' }, 'en')).toBe('a(z) Otp ügy');
		expect(translate('hu', 'placement.err.required', { column: 'email' })).toBe(
			'Az email mező kötelező.'
		);
	});

	it('knows its keys', () => {
		expect(hasKey('nav.home')).toBe(true);
		expect(hasKey('nope.nothing')).toBe(false);
	});
	it('fills {name} placeholders exactly as the regular expression would, whatever the braces around them', () => {
		const piece = fc.oneof(
			fc.constantFrom('{', '}', '{a}', '{b}', '{ a}', '{a-b}', '{{a}}', '{zz}', 'ő ', 'x'),
			fc.string({ maxLength: 4 })
		);
		fc.assert(
			fc.property(
				fc.array(piece, { maxLength: 12 }),
				fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.string({ maxLength: 5 })),
				(parts, params) => {
					const text = parts.join('');
					expect(format(dictionary({ 'k.k': text } as never), 'k.k', params)).toBe(
						byRegex(text, params)
					);
				}
			),
			{ numRuns: 2000 }
		);
	});
	it('an unknown key renders as itself; a dictionary is built once per language and shared', async () => {
		expect(format(dictionary({}), 'no.such.key')).toBe('no.such.key');
		const hu = await loadMessages('hu');
		expect(hu.get('nav.home')).toBe('Főoldal');
		expect(await loadMessages('hu')).toBe(hu);
		const staff = await withStaffMessages('en');
		expect(staff.get('nav.home')).toBe('Home');
		expect(staff.size).toBeGreaterThan((await loadMessages('en')).size);
		expect(await withStaffMessages('en')).toBe(staff);
	});
	it('a dictionary that failed to load is tried again, not remembered as failed', async () => {
		let calls = 0;
		const flaky = async () => {
			calls++;
			if (calls === 1) throw new Error('chunk did not load');
			return dictionary({ 'nav.home': 'Home' } as never);
		};
		await expect(buildOnce('test-flaky', flaky)).rejects.toThrow('chunk did not load');
		const d = await buildOnce('test-flaky', flaky);
		expect(d.get('nav.home')).toBe('Home');
		expect(await buildOnce('test-flaky', flaky)).toBe(d);
		expect(calls).toBe(2);
	});
	it('counts rules broken without a wrong plural ("1 rules broken" read wrong)', () => {
		for (const count of [1, 2]) {
			expect(translate('en', 'ops.plans.rulesBroken', { count })).toBe(`Rules broken: ${count}`);
			expect(translate('hu', 'ops.plans.rulesBroken', { count })).toBe(`${count} szabálysértés`);
		}
	});
});
