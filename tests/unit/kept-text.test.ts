import { describe, expect, it } from 'vitest';
import { CODE_MARK, hideLinkTokens, keptText, LINK_MARK, withLink } from '$lib/domain/kept-text';

const URL = 'https://rendez.test/p/abcdefghijklmnopqrstuvwxyz234567';

describe('kept texts', () => {
	it('marks every occurrence of each secret and keeps the rest exactly', () => {
		const text = `Kód: 012345. Link: ${URL}\nIsmét: ${URL}`;
		expect(
			keptText(text, [
				['012345', CODE_MARK],
				['abcdefghijklmnopqrstuvwxyz234567', LINK_MARK]
			])
		).toBe(`Kód: ${CODE_MARK}. Link: https://rendez.test/p/…\nIsmét: https://rendez.test/p/…`);
		expect(keptText(undefined, [['x', 'y']])).toBeUndefined();
		expect(keptText('abc', [['', 'y']])).toBe('abc');
	});

	it('hides link tokens in an old text and puts a link back into a kept one', () => {
		const old = `Nézze meg: ${URL} (STOP)`;
		const kept = hideLinkTokens(old);
		expect(kept).toBe('Nézze meg: https://rendez.test/p/… (STOP)');
		expect(hideLinkTokens('/p/short and /my/details')).toBe('/p/short and /my/details');
		expect(withLink(kept, URL)).toBe(old);
		// a link already kept without its token: nothing to put back
		expect(withLink(kept, hideLinkTokens(URL))).toBe(kept);
	});
});
