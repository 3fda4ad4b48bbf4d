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
	'portal.dispute.error.replyEmpty': 'Kérjük, írjon üzenetet, vagy csatoljon dokumentumot.',
	'hardship.link': 'Most nem tudok fizetni',
	'hardship.title': 'Most nem tudok fizetni: {reference}',
	'hardship.intro':
		'Ha most nem tud fizetni, mondja el, miért, és kérjen szünetet. Kérését legkésőbb {date} napig megvizsgáljuk, és addig nem küldünk emlékeztetőt.',
	'hardship.reason': 'Mi az oka?',
	'hardship.reason.job_loss': 'Elvesztettem a munkámat, vagy csökkent a jövedelmem',
	'hardship.reason.illness': 'Betegség',
	'hardship.reason.other': 'Egyéb ok',
	'hardship.note': 'Ha szeretné, írja le röviden (nem kötelező)',
	'hardship.noteHint':
		'Egészségi állapotáról ne írjon: ha betegséget jelöl meg, semmilyen szöveget nem őrzünk meg, csak azt, hogy betegség az ok.',
	'hardship.pause': 'Mennyi szünetet kér?',
	'hardship.pause.30': '1 hónap',
	'hardship.pause.60': '2 hónap',
	'hardship.pause.90': '3 hónap',
	'hardship.submit': 'Kérés elküldése',
	'hardship.saved':
		'Megkaptuk a kérését. Legkésőbb {date} napig megvizsgáljuk; addig nem küldünk emlékeztetőt.',
	'hardship.youSent': 'Ezt küldte: {reason}; kért szünet: {pause}.',
	'hardship.status.pending': 'Kérése vizsgálat alatt; legkésőbb {date} napig válaszolunk.',
	'hardship.status.granted': 'Kérését elfogadtuk: az ügy {date} napig szünetel.',
	'hardship.status.declined':
		'Kérését most nem tudtuk elfogadni. Részletfizetést kérhet, vagy hívjon minket.',
	'hardship.error.reason': 'Kérjük, válassza ki az okot.',
	'hardship.error.pause': 'Kérjük, válassza ki, mennyi szünetet kér.',
	'hardship.error.closed': 'Rendezett vagy lezárt tartozáshoz nem kérhet szünetet.',
	'hardship.error.pending': 'Ehhez a tartozáshoz már van vizsgálat alatt álló kérése.',
	'portal.total': 'Összes fennálló tartozása'
} as const;
