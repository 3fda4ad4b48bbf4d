import { describe, expect, it } from 'vitest';
import { formatPhone, isHungarianMobile, toE164 } from '../../src/lib/domain/phone';

describe('toE164', () => {
	it('writes Hungarian mobile numbers in every usual shape as +36…', () => {
		for (const raw of [
			'06 30 123 4567',
			'06301234567',
			'+36 30 123 4567',
			'+36301234567',
			'+36 (30) 123-4567',
			'0036 30 123 4567',
			'06-30/123-4567',
			'36301234567',
			'30 123 4567',
			' 06.30.123.4567 '
		])
			expect(toE164(raw), raw).toBe('+36301234567');
		expect(toE164('06 70 987 6543')).toBe('+36709876543');
		expect(toE164('+36 20 111 2222')).toBe('+36201112222');
	});

	it('Budapest and other landlines by their own lengths', () => {
		expect(toE164('06-1/234-5678')).toBe('+3612345678');
		expect(toE164('+36 1 234 5678')).toBe('+3612345678');
		expect(toE164('06 62 123 456')).toBe('+3662123456');
	});

	it('keeps a foreign number given with its country code', () => {
		expect(toE164('+49 151 23456789')).toBe('+4915123456789');
		expect(toE164('0043 664 1234567')).toBe('+436641234567');
	});

	it('refuses what is not a number we can write to', () => {
		for (const raw of [
			'',
			'abc',
			'06 30 123 456', // a digit short
			'06 30 123 45678', // a digit too many
			'+36 1 234 567',
			'+36 0 123 4567',
			'123',
			'+0 123 4567',
			'06 30 123 4567 ext 2',
			'+1234567890123456' // 16 digits
		])
			expect(toE164(raw), raw).toBeNull();
	});

	it('tells Hungarian mobile numbers from landlines', () => {
		expect(isHungarianMobile('+36301234567')).toBe(true);
		expect(isHungarianMobile('+3612345678')).toBe(false);
		expect(isHungarianMobile('+4915123456789')).toBe(false);
	});
});

describe('formatPhone', () => {
	it('groups a Hungarian number however it was stored; any other stays as it is', () => {
		for (const raw of ['+36309876543', '06 30 987 6543', '+36 (30) 987-6543'])
			expect(formatPhone(raw), raw).toBe('+36 30 987 6543');
		expect(formatPhone('06-1/234-5678')).toBe('+36 1 234 5678');
		expect(formatPhone('+3662123456')).toBe('+36 62 123 456');
		expect(formatPhone('+44 20 7946 0958')).toBe('+44 20 7946 0958');
		expect(formatPhone('nem szám')).toBe('nem szám');
	});
});
