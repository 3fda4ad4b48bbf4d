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
	'hardship.link': 'I can’t pay now',
	'hardship.title': 'I can’t pay now: {reference}',
	'hardship.intro':
		'If you cannot pay now, tell us why and ask for a pause. We review your request by {date}, and send no reminders until then.',
	'hardship.reason': 'What is the reason?',
	'hardship.reason.job_loss': 'I lost my job, or my income fell',
	'hardship.reason.illness': 'Illness',
	'hardship.reason.other': 'Another reason',
	'hardship.note': 'If you like, tell us briefly (optional)',
	'hardship.noteHint':
		'Please do not write about your health: if you choose illness, we keep no text at all, only that illness is the reason.',
	'hardship.pause': 'How long a pause do you ask for?',
	'hardship.pause.30': '1 month',
	'hardship.pause.60': '2 months',
	'hardship.pause.90': '3 months',
	'hardship.submit': 'Send the request',
	'hardship.saved':
		'We have received your request. We review it by {date}; until then we send no reminders.',
	'hardship.youSent': 'You sent: {reason}; pause asked for: {pause}.',
	'hardship.status.pending': 'Your request is under review; we answer by {date}.',
	'hardship.status.granted': 'We have accepted your request: your case is paused until {date}.',
	'hardship.status.declined':
		'We could not accept your request now. You can ask for an installment plan, or call us.',
	'hardship.error.reason': 'Please choose the reason.',
	'hardship.error.pause': 'Please choose how long a pause you ask for.',
	'hardship.error.closed': 'A settled or closed debt cannot be paused.',
	'hardship.error.pending': 'You already have a request under review for this debt.',
	'portal.total': 'Your total outstanding'
};
export default en;
