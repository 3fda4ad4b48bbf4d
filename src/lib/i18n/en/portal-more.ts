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
	'portal.dispute.error.replyEmpty': 'Please write a message or attach a document.'
};
export default en;
