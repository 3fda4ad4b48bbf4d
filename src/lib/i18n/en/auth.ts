import type hu from '../hu/auth';

const en: Record<keyof typeof hu, string> = {
	'auth.title': 'Staff sign-in',
	'auth.login.intro': 'Sign-in for operators, administrators and our client partners.',
	'auth.login.debtorHint':
		'Did you get a message from us? You do not need to sign in here: use the personal link in your SMS or letter.',
	'auth.login.email': 'E-mail address',
	'auth.login.password': 'Password',
	'auth.login.submit': 'Sign in',
	'auth.login.invalid': 'The e-mail address or the password is not right.',
	'auth.login.throttled': 'Too many failed attempts. Please try again in 15 minutes.',
	'auth.login.signedOut': 'You are signed out. Your session has ended.',
	'auth.login.expired': 'Your session has expired; please sign in again.',
	'auth.totp.title': 'Two-step verification',
	'auth.totp.intro': 'Enter the six-digit code your authenticator app shows now.',
	'auth.totp.code': 'Six-digit code',
	'auth.totp.submit': 'Confirm',
	'auth.totp.invalid': 'The code is not right or has expired. Please enter the code shown now.',
	'auth.totp.throttled': 'Too many wrong codes. Please try again in 15 minutes.',
	'auth.enrol.title': 'Set up two-step verification',
	'auth.enrol.required':
		'As an administrator you can only continue with two-step verification. Please set it up now.',
	'auth.enrol.intro':
		'Scan the QR code with your authenticator app (for example Google Authenticator, Microsoft Authenticator, FreeOTP), or type in the key, then enter the code the app shows.',
	'auth.enrol.qr': 'QR code for your authenticator app (the same key as below)',
	'auth.enrol.key': 'Key (for manual entry)',
	'auth.enrol.uri': 'Setup link (otpauth)',
	'auth.enrol.password': 'Your current password (so we know it is you)',
	'auth.enrol.submit': 'Turn on',
	'auth.enrol.invalid':
		'The code does not match the key. Check that the app uses the key above and that its clock is right.',
	'auth.enrol.active': 'Two-step verification is on.',
	'auth.enrol.done': 'Two-step verification is now on.',
	'auth.enrol.replace': 'You can set up a new key; the old one stops working.',
	'auth.password.title': 'Choose your own password',
	'auth.password.required':
		'You signed in with a temporary password. Before you go on, please choose your own.',
	'auth.password.intro': 'At least 12 characters; a long sentence you can remember is fine.',
	'auth.password.current': 'Current (temporary) password',
	'auth.password.next': 'New password',
	'auth.password.confirm': 'New password again',
	'auth.password.submit': 'Save password',
	'auth.password.done': 'Your new password is saved; your other sessions have ended.',
	'auth.password.tooShort': 'The password must be at least 12 characters.',
	'auth.password.tooLong': 'The password can be at most 500 characters.',
	'auth.password.mismatch': 'The two new passwords differ.',
	'auth.password.same': 'The new password must differ from the old one.',
	'auth.password.currentWrong': 'The current password is not right.',
	'auth.password.link': 'Change password',
	'auth.enrol.link': 'Two-step verification',
	'auth.logout': 'Sign out',
	'auth.account': 'My account',
	'auth.signedInAs': 'Signed in: {name}',
	'auth.link.title': 'Personal link',
	// the agency's name ends with its own period (Ltd.)
	'auth.link.from': 'This link was sent to you by {agency}',
	'auth.link.genuine': 'Is this message genuine? How to check',
	'auth.link.intro':
		'Before we show anything, please answer one question so that we know it is really you.',
	'auth.link.q.birth_date': 'Your date of birth',
	'auth.link.q.tax_number': "Your company's tax number",
	'auth.link.q.postal_code': 'The postal code of your address',
	'auth.link.hint.birth_date': 'For example 1980-04-02 or 1980.04.02.',
	'auth.link.hint.tax_number': 'For example 12345678-2-42 (with or without dashes).',
	'auth.link.hint.postal_code': 'Four digits, for example 1051.',
	'auth.link.format.birth_date': 'Please enter the date as 1980-04-02 or 1980.04.02.',
	'auth.link.format.tax_number': 'Please enter the 11-digit tax number, for example 12345678-2-42.',
	'auth.link.format.postal_code': 'Please enter the four-digit postal code.',
	'auth.link.submit': 'Continue',
	'auth.link.wrong': 'The answer does not match our records. You have {remaining} attempts left.',
	'auth.link.lockedTitle': 'This link is locked for now',
	'auth.link.lockedBodyIp':
		'Too many wrong answers came from this network (possibly from others who share it), and this link has had a wrong answer too, so we accept no answer to it from here until {time}. From another connection (mobile data instead of Wi-Fi, or the other way round) you can answer now, and a new link, which has had no wrong answer, opens from here too.',
	'auth.link.lockedBody':
		'There were too many wrong answers, so for your safety we locked it until {time}. You can try again after that. Each further lock lasts longer, and after a few the link closes for good: you can then ask for a new link, which we send to the contact details we hold.',
	'auth.link.exhaustedTitle': 'This link has been closed',
	'auth.link.exhaustedBody':
		'Too many wrong answers were given to this link, so for your safety we have closed it for good: it no longer opens, even with the right answer. Ask for a new link: we send it only to the e-mail address, phone number or postal address we hold for you.',
	'auth.link.expiredTitle': 'This link can no longer be used',
	'auth.link.expiredBody':
		'The link has expired or is not valid. You can ask for a new one: we only send it to the contact details we already hold.',
	'auth.link.next': 'What to do next',
	'auth.link.resendIntro':
		'We send a new link to the e-mail address, phone number or postal address we hold for you. You cannot give another address, and we do not show which one we used.',
	'auth.link.resend': 'Send me a new link',
	'auth.link.resent':
		'Thank you. If the link came from us, we will send a new one to the contact details we hold.',
	'auth.link.call':
		'If it does not arrive, or you have a question, call us: +36 1 555 0100 (Mon–Fri 8:00–20:00, Sat 8:00–12:00).',
	'auth.opsHome.title': 'Operator workspace',
	'auth.opsHome.intro': 'Choose a work queue.',
	'auth.opsNav.label': 'Operator menu',
	'auth.opsNav.home': 'Overview',
	'auth.opsNav.account': 'My account'
};

export default en;
