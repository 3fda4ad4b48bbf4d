import { describe, expect, it } from 'vitest';
import { describedBy, invalid } from '../../src/lib/components/field';

describe('form control attributes (field.ts)', () => {
	it('mark a control invalid only while it has an error', () => {
		expect(invalid({ key: 'form.required' })).toBe('true');
		expect(invalid('Kérjük, töltse ki ezt a mezőt.')).toBe('true');
		for (const none of [undefined, null, '', false]) expect(invalid(none)).toBeUndefined();
	});

	it('describe a control by its hint, and by its error while there is one', () => {
		expect(describedBy(undefined, 'amount-error')).toBeUndefined();
		expect(describedBy({ key: 'form.required' }, 'amount-error')).toBe('amount-error');
		expect(describedBy('', 'amount-error', 'amount-hint')).toBe('amount-hint');
		expect(describedBy({ key: 'form.required' }, 'amount-error', 'amount-hint')).toBe(
			'amount-hint amount-error'
		);
	});
});
