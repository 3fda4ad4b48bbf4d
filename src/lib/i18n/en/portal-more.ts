import type hu from '../hu/portal-more';

const en: Record<keyof typeof hu, string> = {
	'portal.thread.title': 'Messages',
	'portal.thread.opened': 'Your dispute',
	'portal.thread.answer': 'Our answer',
	'portal.thread.debtor': 'Your message',
	'portal.thread.operator': 'Our answer',
	'portal.thread.reason': 'Reason: {reason}',
	'portal.thread.attachment': 'Document attached: {type}, {size}',
	'portal.thread.replyTitle': 'Reply or send a document',
	'portal.thread.replyIntro':
		'If you have a question about our answer, or want to send a document, you can do it here. We answer every message in writing.',
	'portal.thread.body': 'Your message',
	'portal.thread.file': 'Document (optional): PDF, JPEG or PNG, up to {mb} MB',
	'portal.thread.send': 'Send the message',
	'portal.thread.replied': 'We have received your message. We will let you know when we answer.',
	'portal.thread.youSent': 'You sent:',
	'portal.thread.noText': '(no text)',
	'portal.dispute.error.replyEmpty': 'Please write a message or attach a document.',
	'signin.title': 'Sign in with your reference',
	'signin.intro':
		'Cannot find the link from our message? Sign in with the reference on our letter, or ask for a fresh link to the contact details we hold.',
	'signin.formTitle': 'Sign in',
	'signin.reference': 'Reference (top right of the letter)',
	'signin.referenceHint': 'For example DB-2026-0000042.',
	'signin.answer': 'Your date of birth, or for a company its tax number',
	'signin.answerHint': 'For example 1980-04-02 or 12345678-2-42.',
	'signin.submit': 'Sign in',
	'signin.format.reference':
		'Please type the reference from the letter, for example DB-2026-0000042.',
	'signin.format.answer':
		'Please give your date of birth (for example 1980-04-02) or your company’s 11-digit tax number.',
	'signin.wrong':
		'The reference and the answer do not belong together in our records. You have {remaining} tries left.',
	'signin.locked':
		'Too many wrong tries, so for your security we accept no answer until {time}. Try again then, or ask for a fresh link below.',
	'signin.closed':
		'For your security, signing in with this reference is no longer possible. Ask for a fresh link below: we send it only to the contact details we hold.',
	'signin.sendTitle': 'Send me a fresh link',
	'signin.sendIntro':
		'We send a fresh link to the e-mail address, phone number or postal address we already hold. You cannot give another address, and we do not show which one it went to.',
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
