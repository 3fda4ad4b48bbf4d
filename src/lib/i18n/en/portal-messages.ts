import type hu from '../hu/portal-messages';

const en: Record<keyof typeof hu, string> = {
	'portal.messages.title': 'Our messages and letters about this case',
	'portal.messages.none': 'We have not sent you a message or letter about this case yet.',
	'portal.messages.date': 'Date',
	'portal.messages.channel': 'How',
	'portal.messages.what': 'What',
	'portal.messages.channel.sms': 'Text message',
	'portal.messages.channel.email': 'E-mail',
	'portal.messages.channel.letter': 'Letter by post',
	'portal.messages.sms': 'A short message with the link to your personal page',
	'portal.messages.email': 'An e-mail with the link to your personal page',
	'portal.messages.letter': 'Letter',
	'portal.messages.pdf': '{subject} (PDF)',
	'portal.messages.letterScoped':
		'{subject} (letter; to download it, open the personal link we sent you)'
};
export default en;
