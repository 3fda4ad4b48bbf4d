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
	'error.forbiddenTitle': 'Access to this page is not allowed',
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
	'error.conflict':
		'This is not possible right now, because it changed meanwhile (for example, it is still being made). Reload the page and try again a little later.',
	'form.tooLong': 'At most {max} characters.',
	'form.fixErrors': 'Please correct the marked fields.',
	'landing.contactPhone': 'Phone: +36 1 555 0100 (Mon–Fri 8:00–20:00, Sat 8:00–12:00)',
	'health.ok': 'ok'
};

export default en;
