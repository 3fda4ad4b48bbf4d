/**
 * Phone numbers as SMS providers want them: E.164 ('+36301234567'). Debtors' numbers arrive in
 * every shape a person or a creditor's system writes them: '06 30 123 4567', '+36 (30) 123-4567',
 * '0036301234567', '06-1/234-5678', '30 1234567'. Hungarian numbers are checked for their length
 * (Budapest: 1 + 7 digits; mobile 20/30/31/50/70 + 7 digits; other areas 2 + 6 digits); a foreign
 * number given with its country code is kept as it is (8 to 15 digits).
 */

/** the Hungarian mobile prefixes (after the country code) */
export const HU_MOBILE_PREFIXES = ['20', '30', '31', '50', '70'] as const;

function hungarianOk(national: string): boolean {
	if (!/^[1-9]\d+$/.test(national)) return false;
	if (national.startsWith('1')) return national.length === 8;
	if ((HU_MOBILE_PREFIXES as readonly string[]).includes(national.slice(0, 2)))
		return national.length === 9;
	return national.length === 8;
}

/** The number in E.164, or null when it is not a phone number we can write to. */
export function toE164(raw: string): string | null {
	const s = raw.trim();
	// separators people write: spaces, dashes, dots, slashes, brackets
	if (!/^\+?[\d\s\-./()]+$/.test(s)) return null;
	const plus = s.startsWith('+');
	const digits = s.replace(/\D/g, '');
	let intl: string;
	if (plus) intl = digits;
	else if (digits.startsWith('00')) intl = digits.slice(2);
	else if (digits.startsWith('06')) intl = '36' + digits.slice(2);
	else if (digits.startsWith('36') && digits.length >= 10) intl = digits;
	else if (/^[1-9]/.test(digits) && hungarianOk(digits)) intl = '36' + digits;
	else return null;
	if (intl.startsWith('36')) return hungarianOk(intl.slice(2)) ? `+${intl}` : null;
	return /^[1-9]\d{7,14}$/.test(intl) ? `+${intl}` : null;
}

/** A Hungarian mobile number (in E.164)? Landlines cannot take an SMS. */
export function isHungarianMobile(e164: string): boolean {
	return (
		e164.startsWith('+36') &&
		(HU_MOBILE_PREFIXES as readonly string[]).includes(e164.slice(3, 5)) &&
		e164.length === 12
	);
}

/**
 * A number as people read it: a Hungarian one grouped ('+36 30 987 6543', '+36 1 234 5678',
 * '+36 62 123 456', however it was stored); any other as stored.
 */
export function formatPhone(raw: string): string {
	const e = toE164(raw);
	if (!e?.startsWith('+36')) return raw;
	const n = e.slice(3);
	const area = n.startsWith('1') ? 1 : 2;
	// the area (1 for Budapest, else two digits), then three digits, then the rest (four or three)
	const rest = n.slice(area);
	return `+36 ${n.slice(0, area)} ${rest.slice(0, 3)} ${rest.slice(3)}`;
}
