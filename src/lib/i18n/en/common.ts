import type hu from '../hu/common';

const en: Record<keyof typeof hu, string> = {
	'app.name': 'Rendez',
	'app.agency': 'Rendez Collections Ltd.',
	'app.tagline': 'Debt collection with a human voice',
	'nav.home': 'Home',
	'nav.genuine': 'Is this message genuine?',
	'nav.staffLogin': 'Staff sign-in',
	'nav.logout': 'Sign out',
	'nav.skip': 'Skip to content',
	'lang.switch': 'Magyar',
	'lang.switchLabel': 'Váltás magyar nyelvre',
	'lang.hu': 'Magyar',
	'lang.en': 'English',
	'error.title': 'Something went wrong',
	'error.notFound': 'This page could not be found.',
	'error.forbidden': 'You do not have access to this page.',
	'error.unexpected': 'An unexpected error occurred. Please try again in a few minutes.',
	'error.reference': 'Error reference: {id}. If you call us, please quote it.',
	'error.backHome': 'Back to the home page',
	'form.required': 'Please fill in this field.',
	'form.invalid': 'Please check this field.',
	'form.invalidDate': 'Please enter a valid date (YYYY-MM-DD).',
	'form.invalidAmount': 'Please enter a valid amount, for example 12 500.',
	'form.save': 'Save',
	'form.saved': 'Saved.',
	'form.cancel': 'Cancel',
	'error.badRequest': 'We could not read the form. Please reload the page and send it again.',
	'error.tooLarge': 'What you sent is too large.',
	'form.tooLong': 'At most {max} characters.',
	'form.fixErrors': 'Please correct the marked fields.',
	'landing.title': 'Rendez Collections',
	'landing.expired':
		'You are not signed in: for your security a session unused for a while ends, and anything not yet sent does not reach us. To continue, open the link from your SMS or letter again.',
	'landing.signedOut':
		'You have signed out. You can look at your claims again at any time with the link from your SMS or letter.',
	'landing.lead':
		'On behalf of banks, utilities and telecom companies we contact customers who have overdue debts. Our aim is to make settling a debt simple, transparent and fair.',
	'landing.debtorTitle': 'Did you get a message from us?',
	'landing.debtorBody':
		'Our SMS or letter contains a personal link. Open it and, after answering one question (such as your date of birth), you can see exactly what is recorded and why, pay at once, or ask for an instalment plan.',
	'landing.debtorNote':
		'We only show your details after the right answer, so nobody else can learn anything from a lost letter.',
	'landing.genuineTitle': 'How to check that a message really came from us',
	'landing.genuine1': 'Our links always start with this address: {host}/p/…',
	'landing.genuine2':
		'We never ask for a password or card details by SMS or e-mail, and never ask you to pay into a private account.',
	'landing.genuine3':
		'Our SMS never names the debt, the amount or the creditor, only the sender and the link.',
	'landing.genuine4':
		'If in doubt, do not click: call our customer service on the number below and we will check together.',
	'landing.howTitle': 'How we work',
	'landing.how1': 'Friendly reminder: we assume the bill simply slipped your mind.',
	'landing.how2':
		'Firm reminder: if we have not heard back, we get in touch again and offer a solution.',
	'landing.how3':
		'Formal notice: we tell you the next step and its date, and we always offer an instalment plan first.',
	'landing.contactTitle': 'Contact us',
	'landing.contactPhone': 'Phone: +36 1 555 0100 (Mon–Fri 8:00–20:00, Sat 8:00–12:00)',
	'landing.contactAddress': 'Postal address: Példa utca 1., 1051 Budapest',
	'landing.staffTitle': 'For staff and clients',
	'landing.staffBody': 'Operators, administrators and our creditor clients sign in here:',
	'landing.genuinePageLink': 'More: is this message genuine?',
	'genuine.title': 'Is this message genuine?',
	'genuine.intro':
		'Unfortunately fraudsters also send messages about "debts". This is how to recognise a message that really came from us:',
	'health.ok': 'ok'
};

export default en;
