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
	'signin.title': 'Belépés hivatkozási számmal',
	'signin.intro':
		'Nincs meg az üzenetünkben kapott hivatkozás? Lépjen be a levelünkön szereplő hivatkozási számmal, vagy kérjen új hivatkozást a nálunk nyilvántartott elérhetőségére.',
	'signin.formTitle': 'Belépés',
	'signin.reference': 'Hivatkozási szám (a levél jobb felső sarkában)',
	'signin.referenceHint': 'Például DB-2026-0000042.',
	'signin.answer': 'Születési dátuma, vagy cég esetén az adószáma',
	'signin.answerHint': 'Például 1980-04-02 vagy 12345678-2-42.',
	'signin.submit': 'Belépés',
	'signin.format.reference':
		'Kérjük, a levélen szereplő hivatkozási számot írja be, például DB-2026-0000042.',
	'signin.format.answer':
		'Kérjük, születési dátumát (például 1980-04-02) vagy cége 11 jegyű adószámát adja meg.',
	'signin.wrong':
		'A hivatkozási szám és a válasz nem tartozik össze az adatainkban. Még {remaining} próbálkozása van.',
	'signin.locked':
		'Túl sok hibás próbálkozás érkezett, ezért biztonsági okból {time}-ig nem fogadunk választ. Utána újra megpróbálhatja, vagy kérjen új hivatkozást lent.',
	'signin.closed':
		'Ezzel a hivatkozási számmal biztonsági okból már nem lehet belépni. Kérjen új hivatkozást lent: kizárólag a nálunk nyilvántartott elérhetőségére küldjük.',
	'signin.sendTitle': 'Küldjenek új hivatkozást',
	'signin.sendIntro':
		'Új hivatkozást küldünk a nálunk már nyilvántartott e-mail-címére, telefonszámára vagy postacímére. Más címet nem adhat meg, és nem mutatjuk meg, melyikre ment.',
	'signin.send': 'Új hivatkozást kérek',
	'signin.sent':
		'Köszönjük. Ha a hivatkozási szám hozzánk tartozik, új hivatkozást küldünk a nálunk nyilvántartott elérhetőségére.',
	'landing.signinBody':
		'Nincs meg a hivatkozás? Lépjen be a levelünkön szereplő hivatkozási számmal:',
	'landing.signinLink': 'Belépés hivatkozási számmal',
	'contact.phone': 'Telefon:',
	'contact.hours': '(hétfő–péntek 8:00–20:00, szombat 8:00–12:00)',
	'contact.email': 'E-mail:',
	'genuine.smsSender':
		'SMS-eink mindig a „{sender}” feladónévvel érkeznek, és a szövegük is így kezdődik. Más feladótól vagy telefonszámról érkező „tartozásos” SMS nem tőlünk jött.',
	'genuine.company':
		'Cégünk: {agency}, cégjegyzékszám: {registration} (Fővárosi Törvényszék Cégbírósága), adószám: {tax}. A cégjegyzékben bárki ellenőrizheti.',
	'genuine.callUs':
		'Ha bizonytalan, hívjon minket, és munkatársunk megmondja, valóban küldtünk-e Önnek üzenetet:',
	'genuine.writeUs': 'Vagy írjon nekünk:'
} as const;
