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
