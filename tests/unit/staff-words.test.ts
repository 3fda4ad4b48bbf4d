/**
 * One name for one thing across the staff pages (the new-user walkthrough): the creditor is the
 * "Megbízó" on the disputes page as on the others, and a template is named as the strategy
 * editor and the landing page name it.
 */
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/lib/i18n';

describe('staff words', () => {
	it('calls the creditor Megbízó on the disputes page too', () => {
		expect(translate('hu', 'portal.dispute.ops.creditor')).toBe(
			translate('hu', 'opsHome.col.creditor')
		);
		expect(translate('hu', 'portal.dispute.ops.creditor')).toBe('Megbízó');
	});
	it('names the friendly reminders as the strategy editor does', () => {
		for (const lang of ['hu', 'en'] as const) {
			expect(translate(lang, 'msg.template.friendly.reminder')).toBe(
				translate(lang, 'strategy.template.friendly.reminder')
			);
			expect(translate(lang, 'msg.template.friendly.followup')).toBe(
				translate(lang, 'strategy.template.friendly.followup')
			);
		}
	});
});
