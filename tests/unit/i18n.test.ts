import { describe, expect, it } from 'vitest';
import { translate, hasKey } from '../../src/lib/i18n';

describe('i18n', () => {
	it('defaults to Hungarian and fills placeholders', () => {
		expect(translate('hu', 'error.reference', { id: 'abc' })).toContain('abc');
		expect(translate('en', 'nav.home')).toBe('Home');
		expect(translate('hu', 'nav.home')).toBe('Főoldal');
	});
	it('knows its keys', () => {
		expect(hasKey('nav.home')).toBe(true);
		expect(hasKey('nope.nothing')).toBe(false);
	});
});
