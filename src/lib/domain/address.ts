/**
 * A debtor's addresses as they are taken in, wherever they come from (a creditor's placement, the
 * debtor's own change on /my/details, an identity answer). An e-mail's domain must be a name: an
 * address at an IP literal (`a@[10.0.0.5]`) would have our mail server connect to internal hosts
 * at a stranger's word. A postal code is four digits: field agents' regions are ranges of them.
 */

/** The longest address there is (RFC 5321); checked before the pattern. */
export const EMAIL_MAX = 254;

// local part: no white space, angle brackets, quotes, commas or semicolons (one address, nothing a
// header could be split at); domain: labels of letters and digits in any script with inner
// hyphens, and a top-level name of letters. Each label ends at its dot, so the pattern cannot
// backtrack far on a long input.
const EMAIL = /^[^\s@<>"',;]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+\p{L}{2,63}$/u;

/** An e-mail address as it will be used: trimmed, the domain in lower case; null if not one. */
export function normaliseEmail(raw: string): string | null {
	const v = raw.trim();
	if (v.length > EMAIL_MAX || !EMAIL.test(v)) return null;
	const at = v.lastIndexOf('@');
	return v.slice(0, at) + '@' + v.slice(at + 1).toLowerCase();
}

/** A Hungarian postal code: four digits (spaces dropped); null otherwise. */
export function normalisePostalCode(raw: string): string | null {
	const digits = raw.replace(/\s/g, '');
	return /^\d{4}$/.test(digits) ? digits : null;
}

/**
 * SQL: the debtor's postal code (`code`, a column) lies in a field agent's region (`region`, a
 * field_regions alias). Only four-digit codes are in any region: compared as text, "1100X" or
 * "10000" would fall inside 1000–1239 (codes placed before they were checked could be such).
 */
export const inRegionSql = (code: string, region: string) =>
	`(${code} GLOB '[0-9][0-9][0-9][0-9]' AND ${code} BETWEEN ${region}.postal_from AND ${region}.postal_to)`;
