import type hu from '../hu/public';

const en: Record<keyof typeof hu, string> = {
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
	'landing.contactAddress': 'Postal address: Példa utca 1., 1051 Budapest',
	'landing.staffTitle': 'For staff and clients',
	'landing.staffBody': 'Operators, administrators and our creditor clients sign in here:',
	'landing.genuinePageLink': 'More: is this message genuine?',
	'genuine.title': 'Is this message genuine?',
	'genuine.intro':
		'Unfortunately fraudsters also send messages about "debts". This is how to recognise a message that really came from us:',
	'signin.title': 'Sign in with your reference',
	'signin.intro':
		'Cannot find the link from our message? Sign in with the reference on our letter, or ask for a fresh link to the contact details we hold.',
	'signin.formTitle': 'Sign in',
	'signin.reference': 'Reference (top right of the letter)',
	'signin.referenceHint': 'For example DB-2026-0000042.',
	'signin.answer': 'Your date of birth, or for a company its tax number',
	'signin.answerHint':
		'For example 1980-04-02 or 12345678-2-42. A postal code is not enough here, as it is printed on the letter: if your link asks for it, ask for a fresh link below.',
	'signin.submit': 'Sign in',
	'signin.format.reference':
		'Please type the reference from the letter, for example DB-2026-0000042.',
	'signin.format.answer':
		'Please give your date of birth (for example 1980-04-02) or your company’s 11-digit tax number. A postal code is not enough here, as it is printed on the letter: if your link asks for it, ask for a fresh link below.',
	'signin.wrong':
		'The reference and the answer do not belong together in our records. You have {remaining} tries left.',
	'signin.locked':
		'Too many wrong tries, so for your security we accept no answer until {time}. Try again then, or ask for a fresh link below.',
	'signin.closed':
		'For your security, signing in with this reference is no longer possible. Ask for a fresh link below: we send it only to the contact details we hold.',
	'signin.sendTitle': 'Send me a fresh link',
	'signin.sendIntro':
		'We send a fresh link to the e-mail address or phone number we already hold (not by post), at most one an hour. You cannot give another address, and we do not show which one it went to. If we hold neither, sign in above with your reference.',
	'signin.send': 'Send me a link',
	'signin.sent':
		'Thank you. If the reference is one of ours, we send a fresh link to the contact details we hold.',
	'landing.signinBody': 'Cannot find the link? Sign in with the reference on our letter:',
	'landing.signinLink': 'Sign in with your reference',
	'contact.phone': 'Phone:',
	'contact.hours': '(Monday–Friday 8:00–20:00, Saturday 8:00–12:00)',
	'contact.email': 'E-mail:',
	'genuine.smsSender':
		'Our text messages always come from the sender name “{sender}”, and their text starts with it too. A text about a debt from any other sender or phone number did not come from us.',
	'genuine.company':
		'Our company: {agency}, company registration number {registration} (Company Court of Budapest), tax number {tax}. Anyone can check it in the company register.',
	'genuine.callUs':
		'If you are unsure, call us and we will tell you whether we really sent you a message:',
	'genuine.writeUs': 'Or write to us:'
};
export default en;
