/**
 * The agency's own contact details and identifiers, as shown on the landing and "is this genuine?"
 * pages (issue 19, item 10). One place, so the pages, the SMS sender and the letters agree.
 * Demo values: the real ones come with the company's registration.
 */
export const AGENCY = {
	/** the customer-service phone as written, and as dialled (tel:) */
	phone: '+36 1 555 0100',
	phoneHref: 'tel:+3615550100',
	email: 'ugyfelszolgalat@rendez.example',
	/** the alphanumeric sender id every SMS of ours arrives from (the texts also start with it) */
	smsSender: 'Rendez',
	/** company registration number (cégjegyzékszám) and the court that keeps the register */
	registrationNumber: 'Cg. 01-10-999999',
	taxNumber: '29999999-2-41'
} as const;
