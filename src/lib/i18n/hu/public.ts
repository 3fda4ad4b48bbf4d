/**
 * Hungarian texts of the public pages a debtor meets before signing in: the landing page, "is
 * this genuine?" and signing in with a reference (/belepes). Loaded only by those pages
 * (messages-more.ts withPublicTexts), so the portal pages do not download them.
 */
export default {
	'landing.title': 'Rendez Követeléskezelő',
	'landing.expired':
		'Nincs érvényes belépése: a biztonsága érdekében egy ideje nem használt belépést lezárunk, és az el nem küldött adatok nem kerülnek hozzánk. A folytatáshoz nyissa meg újra az SMS-ben vagy levélben kapott hivatkozást.',
	'landing.signedOut':
		'Kilépett. A tartozásait bármikor újra megnézheti az SMS-ben vagy levélben kapott hivatkozással.',
	'landing.lead':
		'Bankok, közművek és távközlési cégek megbízásából keressük meg azokat az ügyfeleket, akiknek lejárt tartozásuk van. Célunk, hogy a tartozás rendezése egyszerű, átlátható és korrekt legyen.',
	'landing.debtorTitle': 'Üzenetet kapott tőlünk?',
	'landing.debtorBody':
		'SMS-ünkben vagy levelünkben talál egy személyes hivatkozást. Nyissa meg, és egyetlen kérdés (például a születési dátuma) megválaszolása után láthatja, pontosan mit és miért tart nyilván, fizethet azonnal, vagy részletfizetést kérhet.',
	'landing.debtorNote':
		'Adatait csak a helyes válasz után mutatjuk meg, így egy elveszett levélből senki más nem tudhat meg semmit.',
	'landing.genuineTitle': 'Hogyan ellenőrizheti, hogy az üzenet valóban tőlünk jött?',
	'landing.genuine1': 'Hivatkozásaink mindig ezen a címen kezdődnek: {host}/p/…',
	'landing.genuine2':
		'Soha nem kérünk jelszót, bankkártyaadatot SMS-ben vagy e-mailben, és nem kérünk fizetést magánszámlára.',
	'landing.genuine3':
		'SMS-ünk nem nevezi meg a tartozást, az összeget vagy a megbízót, csak a feladót és a hivatkozást.',
	'landing.genuine4':
		'Ha kétsége van, ne kattintson: hívja ügyfélszolgálatunkat az alábbi számon, és ellenőrizzük együtt.',
	'landing.howTitle': 'Hogyan dolgozunk',
	'landing.how1':
		'Baráti emlékeztető: feltételezzük, hogy a számla egyszerűen elkerülte a figyelmét.',
	'landing.how2':
		'Határozott emlékeztető: ha nem érkezett válasz, ismét jelentkezünk, és megoldást ajánlunk.',
	'landing.how3':
		'Hivatalos felszólítás: megírjuk, mi a következő lépés és mikor, de előtte mindig felajánljuk a részletfizetést.',
	'landing.contactTitle': 'Elérhetőségeink',
	'landing.contactAddress': 'Levélcím: 1051 Budapest, Példa utca 1.',
	'landing.staffTitle': 'Munkatársaknak és megbízóknak',
	'landing.staffBody': 'Operátorok, adminisztrátorok és megbízó partnereink itt lépnek be:',
	'landing.genuinePageLink': 'Részletesen: valódi-e az üzenet?',
	'genuine.title': 'Valódi-e az üzenet?',
	'genuine.intro':
		'Sajnos csalók is küldenek „tartozásról” szóló üzeneteket. Így ismerheti fel, hogy egy üzenet tényleg tőlünk jött:',
	'signin.title': 'Belépés hivatkozási számmal',
	'signin.intro':
		'Nincs meg az üzenetünkben kapott hivatkozás? Lépjen be a levelünkön szereplő hivatkozási számmal, vagy kérjen új hivatkozást a nálunk nyilvántartott elérhetőségére.',
	'signin.formTitle': 'Belépés',
	'signin.reference': 'Hivatkozási szám (a levél jobb felső sarkában)',
	'signin.referenceHint': 'Például DB-2026-0000042.',
	'signin.answer': 'Születési dátuma, vagy cég esetén az adószáma',
	'signin.answerHint':
		'Például 1980-04-02 vagy 12345678-2-42. Az irányítószám itt nem elég, mert a levelen is szerepel: ha a linkje azt kérdezi, kérjen új hivatkozást lent.',
	'signin.submit': 'Belépés',
	'signin.format.reference':
		'Kérjük, a levelen szereplő hivatkozási számot írja be, például DB-2026-0000042.',
	'signin.format.answer':
		'Kérjük, születési dátumát (például 1980-04-02) vagy cége 11 jegyű adószámát adja meg. Az irányítószám itt nem elég, mert a levelen is szerepel: ha a linkje azt kérdezi, kérjen új hivatkozást lent.',
	'signin.wrong':
		'A hivatkozási szám és a válasz nem tartozik össze az adatainkban. Még {remaining} próbálkozása van.',
	'signin.locked':
		'Túl sok hibás próbálkozás érkezett, ezért biztonsági okból {time}-ig nem fogadunk választ. Utána újra megpróbálhatja, vagy kérjen új hivatkozást lent.',
	'signin.closed':
		'Ezzel a hivatkozási számmal biztonsági okból már nem lehet belépni. Kérjen új hivatkozást lent: kizárólag a nálunk nyilvántartott elérhetőségére küldjük.',
	'signin.sendTitle': 'Küldjenek új hivatkozást',
	'signin.sendIntro':
		'Új hivatkozást küldünk a nálunk már nyilvántartott e-mail-címére vagy telefonszámára (postán nem), óránként legfeljebb egyet. Más címet nem adhat meg, és nem mutatjuk meg, melyikre ment. Ha egyiket sem ismerjük, lépjen be fent a hivatkozási számmal.',
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
