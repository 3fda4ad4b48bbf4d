/**
 * Hungarian texts of the debtor portal's second-round pages: the dispute thread, signing in
 * without the link, hardship, the debtor's own details. Loaded only by those pages
 * (messages.ts withPortalMore), so the other debtor pages stay within their JavaScript budget.
 */
export default {
	'portal.thread.title': 'Üzenetváltás',
	'portal.thread.opened': 'Az Ön kifogása',
	'portal.thread.answer': 'Válaszunk',
	'portal.thread.debtor': 'Az Ön üzenete',
	'portal.thread.operator': 'Válaszunk',
	'portal.thread.reason': 'Ok: {reason}',
	'portal.thread.attachment': 'Csatolt dokumentum: {type}, {size}',
	'portal.thread.replyTitle': 'Válasz vagy újabb dokumentum',
	'portal.thread.replyIntro':
		'Ha kérdése van a válaszunkkal kapcsolatban, vagy dokumentumot küldene, itt megteheti. Minden üzenetére írásban válaszolunk.',
	'portal.thread.body': 'Az üzenete',
	'portal.thread.file': 'Dokumentum (nem kötelező): PDF, JPEG vagy PNG, legfeljebb {mb} MB',
	'portal.thread.send': 'Üzenet küldése',
	'portal.thread.replied': 'Megkaptuk az üzenetét. Amint válaszolunk, értesítjük.',
	'portal.thread.youSent': 'Ezt küldte:',
	'portal.thread.noText': '(szöveg nélkül)',
	'portal.dispute.error.replyEmpty': 'Kérjük, írjon üzenetet, vagy csatoljon dokumentumot.'
} as const;
