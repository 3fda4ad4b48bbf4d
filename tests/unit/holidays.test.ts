import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/domain/clock';
import { hardshipReviewDue } from '../../src/lib/domain/hardship';
import {
	addBusinessDays,
	hungarianHolidays,
	isBusinessDay,
	isPublicHoliday,
	nextBusinessDay
} from '../../src/lib/domain/holidays';

describe('Hungarian public holidays (C1)', () => {
	it('knows the fixed days and the ones that move with Easter', () => {
		// Easter Sunday 2026 is 5 April: Good Friday 3 April, Easter Monday 6 April, Whit Monday 25 May
		expect(hungarianHolidays(2026)).toEqual(
			expect.arrayContaining([
				'2026-01-01',
				'2026-03-15',
				'2026-04-03',
				'2026-04-06',
				'2026-05-01',
				'2026-05-25',
				'2026-08-20',
				'2026-10-23',
				'2026-11-01',
				'2026-12-24',
				'2026-12-25',
				'2026-12-26'
			])
		);
		// Christmas Eve is a public holiday from 2024 on, not before
		expect(isPublicHoliday('2024-12-24')).toBe(true);
		expect(isPublicHoliday('2023-12-24')).toBe(false);
		// Easter Sunday 2027 is 28 March
		expect(hungarianHolidays(2027)).toEqual(
			expect.arrayContaining(['2027-03-26', '2027-03-29', '2027-05-17'])
		);
		expect(isPublicHoliday('2026-04-06')).toBe(true);
		expect(isPublicHoliday('2026-04-07')).toBe(false);
	});
});

describe('Budapest business days (the engine runs on them; C1 moves actions to them)', () => {
	it('are Monday to Friday except public holidays', () => {
		expect(isBusinessDay('2026-03-13')).toBe(true); // Friday
		expect(isBusinessDay('2026-03-14')).toBe(false); // Saturday
		expect(isBusinessDay('2026-03-15')).toBe(false); // Sunday, also a holiday
		expect(isBusinessDay('2026-04-03')).toBe(false); // Good Friday
		expect(isBusinessDay('2026-10-23')).toBe(false); // a Friday holiday
	});
	it('the next business day: the day itself, or over a weekend and holidays', () => {
		expect(nextBusinessDay('2026-03-13')).toBe('2026-03-13');
		expect(nextBusinessDay('2026-03-14')).toBe('2026-03-16');
		expect(nextBusinessDay('2026-04-03')).toBe('2026-04-07'); // Easter: Friday to Monday held
		expect(nextBusinessDay('2026-12-26')).toBe('2026-12-28');
	});
});

describe('business days for deadlines (walkthrough s16, item 4)', () => {
	it('counts Hungarian business days: weekends and public holidays skipped', () => {
		expect(addBusinessDays('2026-12-07', 5)).toBe('2026-12-14');
		// Christmas (24, 25, 26) and the weekend
		expect(addBusinessDays('2026-12-21', 5)).toBe('2026-12-30');
		// from a Saturday: Monday is the first
		expect(addBusinessDays('2026-12-12', 1)).toBe('2026-12-14');
		expect(hardshipReviewDue('2026-12-07')).toBe('2026-12-14');
		for (let d = '2026-01-01'; d < '2027-01-01'; d = addDays(d, 1))
			expect(isBusinessDay(hardshipReviewDue(d)), d).toBe(true);
	});
});
