/**
 * What a record id looks like in a URL or a form: 1 to 15 digits, no leading zero (always a safe
 * integer). Shared by the route matcher (`src/params/id.ts`, also run in the browser) and the
 * server's id parsing. Digits only: `Number()` reads '0x10' as 16, '1e3' as 1000, ' 7' as 7.
 */
export function isId(raw: string): boolean {
	return /^[1-9]\d{0,14}$/.test(raw);
}
