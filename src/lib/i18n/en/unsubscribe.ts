import type hu from '../hu/unsubscribe';

const en: Record<keyof typeof hu, string> = {
	'unsubscribe.title': 'Stop e-mails',
	'unsubscribe.ask': 'Would you like us to stop sending you e-mails?',
	'unsubscribe.other':
		'We will still keep you informed about your matter in other ways (by SMS or letter). You can turn e-mails back on at any time on your personal page.',
	'unsubscribe.button': 'Stop e-mails',
	'unsubscribe.done': 'Done: we will not send you any more e-mails.',
	'unsubscribe.invalid': 'This unsubscribe link is not valid.'
};
export default en;
