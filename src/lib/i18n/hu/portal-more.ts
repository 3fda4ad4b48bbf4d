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
	'portal.thread.replyIntroWaiting':
		'Ha valamit hozzátenne a kifogásához, vagy dokumentumot küldene, itt megteheti. Minden üzenetére írásban válaszolunk.',
	'portal.thread.body': 'Az üzenete',
	'portal.thread.file': 'Dokumentum (nem kötelező): PDF, JPEG vagy PNG, legfeljebb {mb} MB',
	'portal.thread.send': 'Üzenet küldése',
	'portal.thread.replied': 'Megkaptuk az üzenetét. Amint válaszolunk, értesítjük.',
	'portal.thread.youSent': 'Ezt küldte:',
	'portal.thread.noText': '(szöveg nélkül)',
	'portal.thread.decision': 'Döntésünk: {status}.',
	'portal.thread.correction':
		'Ennyit vontunk le a tartozásból: {lines}. A helyesbítés után fizetendő: {balance}.',
	'portal.dispute.error.replyEmpty': 'Kérjük, írjon üzenetet, vagy csatoljon dokumentumot.',
	'hardship.link': 'Most nem tudok fizetni',
	'hardship.title': 'Most nem tudok fizetni: {reference}',
	'hardship.intro':
		'Ha most nem tud fizetni, mondja el, miért, és kérjen szünetet. Kérését legkésőbb {date} napig megvizsgáljuk, és addig nem küldünk emlékeztetőt.',
	'hardship.reason': 'Mi az oka?',
	'hardship.reason.job_loss': 'Elvesztettem a munkámat, vagy csökkent a jövedelmem',
	'hardship.reason.illness': 'Betegség',
	'hardship.reason.revenue_loss': 'A vállalkozás bevétele kiesett vagy jelentősen csökkent',
	'hardship.reason.customers_unpaid': 'A vállalkozás vevői nem fizetnek',
	'hardship.reason.other': 'Egyéb ok',
	'hardship.note': 'Ha szeretné, írja le röviden (nem kötelező)',
	'hardship.noteHint':
		'Egészségi állapotáról ne írjon: ha betegséget jelöl meg, semmilyen szöveget nem őrzünk meg, csak azt, hogy betegség az ok.',
	// a company is not asked about illness: only the plain request stays
	'hardship.noteHintCompany': 'Kérjük, magánszemélyek egészségi állapotáról ne írjon.',
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
	'portal.total': 'Összes fennálló tartozása',
	'details.link': 'Elérhetőségeim módosítása',
	'details.title': 'Elérhetőségeim',
	'details.intro':
		'Itt javíthatja e-mail-címét, telefonszámát és postacímét. Új e-mail-címet vagy telefonszámot akkor mentünk, ha az oda küldött kódot beírja; a korábbit megőrizzük az előzmények között.',
	'details.current': 'Jelenleg',
	'details.none': 'nincs megadva',
	'details.emailTitle': 'E-mail-cím',
	'details.phoneTitle': 'Telefonszám',
	'details.postalTitle': 'Postacím',
	'details.newEmail': 'Új e-mail-cím',
	'details.newPhone': 'Új telefonszám',
	'details.codeWillGo': 'Erre az új címre küldünk egy hatjegyű kódot.',
	'details.codeWillGoPhone': 'Erre az új számra küldünk egy hatjegyű kódot.',
	'details.sendCode': 'Kód küldése',
	'details.postalCode': 'Irányítószám',
	'details.city': 'Település',
	'details.address': 'Utca, házszám',
	'details.savePostal': 'Postacím mentése',
	'details.pending.email': 'Megerősítésre vár: {value}',
	'details.pending.phone': 'Megerősítésre vár: {value}',
	'details.code': 'A kapott hatjegyű kód',
	'details.codeHint': 'A kód egy óráig érvényes.',
	'details.confirm': 'Megerősítés',
	'details.codeSent.email':
		'Elküldtük a kódot az új e-mail-címre. Írja be lent; addig a korábbi címét használjuk.',
	'details.codeSent.phone':
		'Elküldtük a kódot SMS-ben az új telefonszámra. Írja be lent; addig a korábbi számát használjuk.',
	'details.changed.email': 'Új e-mail-címét mentettük. Munkatársaink is látják a változást.',
	'details.changed.phone': 'Új telefonszámát mentettük. Munkatársaink is látják a változást.',
	'details.changed.postal': 'Új postacímét mentettük. Munkatársaink is látják a változást.',
	'details.error.email': 'Kérjük, érvényes e-mail-címet adjon meg, például nev@pelda.hu.',
	'details.error.phone': 'Kérjük, érvényes telefonszámot adjon meg, például +36 30 123 4567.',
	'details.error.sameValue': 'Ez a jelenlegi elérhetősége.',
	'details.error.same': 'Ez a jelenlegi postacíme.',
	'details.error.postalCode': 'Kérjük, a négyjegyű irányítószámot adja meg.',
	'details.error.city': 'Kérjük, adja meg a települést.',
	'details.error.address': 'Kérjük, adja meg az utcát és a házszámot.',
	'details.error.tooMany':
		'Egy órán belül túl sok módosítást kért. Kérjük, próbálja újra később, vagy hívjon minket.',
	'details.error.codeFormat': 'Kérjük, a hatjegyű kódot írja be.',
	'details.error.code': 'A kód nem egyezik. Még {remaining} próbálkozása van.',
	'details.error.cancelled':
		'Túl sok hibás kód miatt ezt a módosítást megszakítottuk. Kérjen új kódot.',
	'details.error.expired': 'A kód lejárt. Kérjen újat.'
} as const;
