/** Shared words, layout, errors and the landing page. Hungarian is the source language. */
export default {
	'app.name': 'Rendez',
	'app.agency': 'Rendez Követeléskezelő Zrt.',
	'app.tagline': 'Követeléskezelés emberi hangon',
	'nav.home': 'Főoldal',
	'nav.genuine': 'Valódi-e az üzenet?',
	'nav.staffLogin': 'Munkatársi belépés',
	'nav.logout': 'Kilépés',
	'nav.skip': 'Ugrás a tartalomhoz',
	'lang.switch': 'English',
	'lang.switchLabel': 'Switch to English',
	'lang.hu': 'Magyar',
	'lang.en': 'English',
	'error.title': 'Valami nem sikerült',
	'error.notFound': 'Ez az oldal nem található.',
	'error.forbidden': 'Ehhez az oldalhoz nincs hozzáférése.',
	'error.unexpected': 'Váratlan hiba történt. Kérjük, próbálja újra néhány perc múlva.',
	'error.reference': 'Hibaazonosító: {id}. Ha felhív minket, kérjük, mondja be.',
	'error.backHome': 'Vissza a főoldalra',
	'form.required': 'Kérjük, töltse ki ezt a mezőt.',
	'form.invalid': 'Kérjük, ellenőrizze ezt a mezőt.',
	'form.invalidDate': 'Kérjük, érvényes dátumot adjon meg (ÉÉÉÉ-HH-NN).',
	'form.invalidAmount': 'Kérjük, érvényes összeget adjon meg, például 12 500.',
	'form.save': 'Mentés',
	'form.saved': 'Elmentettük.',
	'form.cancel': 'Mégse',
	'error.badRequest':
		'Az űrlapot nem tudtuk beolvasni. Kérjük, töltse be újra az oldalt, és küldje el ismét.',
	'error.tooLarge': 'A küldött adat túl nagy.',
	'form.tooLong': 'Legfeljebb {max} karakter lehet.',
	'form.fixErrors': 'Kérjük, javítsa a jelölt mezőket.',
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
	'landing.contactPhone': 'Telefon: +36 1 555 0100 (hétfő–péntek 8:00–20:00, szombat 8:00–12:00)',
	'landing.contactAddress': 'Levélcím: 1051 Budapest, Példa utca 1.',
	'landing.staffTitle': 'Munkatársaknak és megbízóknak',
	'landing.staffBody': 'Operátorok, adminisztrátorok és megbízó partnereink itt lépnek be:',
	'landing.genuinePageLink': 'Részletesen: valódi-e az üzenet?',
	'genuine.title': 'Valódi-e az üzenet?',
	'genuine.intro':
		'Sajnos csalók is küldenek „tartozásról” szóló üzeneteket. Így ismerheti fel, hogy egy üzenet tényleg tőlünk jött:',
	'health.ok': 'ok'
} as const;
