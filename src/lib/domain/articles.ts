/** Hungarian articles for texts that are filled in: "a(z) {creditor}" becomes "a Duna Bank" or "az Otp". */

/**
 * Hungarian "a(z) {x}": the article the value takes, "a" or "az" (capitalised when the text's
 * was), by how the value is said: a vowel ("az Otp", "az 5."), an abbreviation whose first letter's
 * name is ("az SMS", "az RZ-…"), a number said from "egy", "öt", "ezer" or "ötven" ("az 1000", "a
 * 100"). Texts that say "a(z) " just before a placeholder (or its opening quote) get it filled.
 */
export function withArticle(before: string, value: string): string {
	// most texts have no "a(z)": a look at the end first (pages fill hundreds of placeholders)
	if (!before.endsWith('(z) ') && !before.endsWith('(z) „')) return before;
	const tail = before.slice(-8);
	const m = /(^|[\s(])([Aa])\(z\) („?)$/.exec(tail);
	if (!m) return before;
	const article = m[2] + (startsWithVowelSound(value) ? 'z' : '');
	return before.slice(0, before.length - tail.length + m.index) + m[1] + article + ' ' + m[3];
}

const VOWEL = /^[aáeéiíoóöőuúüű]/i;
/** letters whose Hungarian names start with a vowel: ef, el, em, en, er, es, iksz, ipszilon */
const VOWEL_NAMED = /^[FLMNRSXY]/;

function startsWithVowelSound(raw: string): boolean {
	const v = raw.replace(/^[\s„"'(]+/, '');
	const digits = /^\d[\d\s\u00a0\u202f]*/.exec(v)?.[0].replace(/\D/g, '');
	if (digits) return numberStartsWithVowel(digits.replace(/^0+(?=\d)/, ''));
	// an abbreviation (two capitals, or a capital and a digit or a dash) is said letter by letter
	if (/^[A-ZÁÉÍÓÖŐÚÜŰ][A-ZÁÉÍÓÖŐÚÜŰ0-9-]/.test(v)) return VOWEL.test(v) || VOWEL_NAMED.test(v);
	return VOWEL.test(v);
}

/** 1 egy, 5 öt, 50 ötven, 500 ötszáz, 1000 ezer, 1 000 000 egymillió: the rest start with a consonant */
function numberStartsWithVowel(n: string): boolean {
	const lead = n.length % 3 || 3;
	const group = Number(n.slice(0, lead));
	if (n.length > 3 && group === 1) return true; // ezer, egymillió, egymilliárd
	const hundreds = Math.floor(group / 100);
	if (hundreds > 0) return hundreds === 5; // száz, kétszáz, ... ötszáz
	const tens = Math.floor(group / 10);
	if (tens > 0) return tens === 5; // tíz, húsz, ... ötven
	return group === 1 || group === 5; // egy, öt
}
