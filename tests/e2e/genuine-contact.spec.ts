/**
 * The landing and "is this genuine?" pages (issue 19, item 10): the phone and the e-mail are links
 * a phone can tap (tel:, mailto:); the genuine page names the SMS sender id and the company's
 * registration number; the landing page points to signing in without the link. Both languages.
 */
import { expect, test } from '@playwright/test';
import { AGENCY } from '../../src/lib/agency';
import { axe } from './portal-helpers';

test.use({ viewport: { width: 360, height: 780 } });

for (const lang of ['hu', 'en'] as const) {
	test(`${lang}: tappable phone and e-mail; the genuine page names the SMS sender and the registration number`, async ({
		page
	}) => {
		await page.goto(`/?lang=${lang}`);
		const contact = page.getByTestId('contact');
		await expect(contact.getByRole('link', { name: AGENCY.phone })).toHaveAttribute(
			'href',
			'tel:+3615550100'
		);
		await expect(contact.getByRole('link', { name: AGENCY.email })).toHaveAttribute(
			'href',
			`mailto:${AGENCY.email}`
		);
		await expect(page.locator('a[href="/belepes"]')).toBeVisible();
		await axe(page);

		await page.goto(`/genuine?lang=${lang}`);
		await expect(page.getByTestId('sms-sender')).toContainText(`${AGENCY.smsSender}`);
		await expect(page.getByTestId('company')).toContainText(AGENCY.registrationNumber);
		await expect(page.getByRole('link', { name: AGENCY.phone })).toHaveAttribute(
			'href',
			AGENCY.phoneHref
		);
		await expect(page.getByRole('link', { name: AGENCY.email })).toHaveAttribute(
			'href',
			`mailto:${AGENCY.email}`
		);
		await axe(page);
	});
}
