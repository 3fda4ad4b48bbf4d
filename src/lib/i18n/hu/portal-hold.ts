/**
 * Hungarian texts of the debtor's claim page on why the claim stands still (issue 16, item 8). Rare
 * on a page, so the server writes the sentence (portal-stage.ts holdSentence) and debtors' phones
 * never download these: in the full dictionary (index.ts), not in base.ts.
 */
export default {
	'portal.recalled':
		'Ezt a tartozást a(z) {creditor} visszavette: ügyében már nem mi járunk el, és nem keressük Önt miatta. Kérdéseivel forduljon közvetlenül hozzájuk.',
	'portal.closedUpheld':
		'Kifogását elfogadtuk: ezt a tartozást lezártuk, nem kell megfizetnie, és nem keressük Önt miatta.',
	'portal.hold.dispute':
		'A tartozás ügyintézése szünetel, amíg a kifogását vizsgáljuk; addig nem küldünk emlékeztetőt.',
	'portal.hold.plan':
		'A tartozás ügyintézése szünetel, amíg a részletfizetési megállapodása szerint fizet.',
	'portal.hold.promise':
		'A tartozás ügyintézése {date} napig szünetel, mert fizetési ígéretet tett.',
	'portal.hold.insolvency':
		'A tartozás ügyintézése a fizetésképtelenségi eljárás idejére szünetel.',
	'portal.hold.legal_representation':
		'A tartozás ügyintézése szünetel: az ügyet a jogi képviselőjén keresztül intézzük.',
	'portal.hold.deceased': 'A tartozás ügyintézése szünetel, amíg a körülményeket tisztázzuk.',
	'portal.hold.vulnerability':
		'A tartozás ügyintézése szünetel, amíg a körülményeit figyelembe véve egyeztetünk.',
	'portal.hold.until': 'Az ügyintézés {date} után folytatódik.',
	// the next step while a plan waits for a decision (a proposal does not stop the reminders)
	'portal.planWait.next.proposed':
		'Amíg a javaslatáról nem döntünk, az ügyintézés folytatódik: a következő lépés {step}, {date} napon, hacsak addig el nem indul a részletfizetés, vagy ki nem fizeti a tartozást.',
	'portal.planWait.next.countered':
		'Amíg az ellenajánlatra nem válaszol, az ügyintézés folytatódik: a következő lépés {step}, {date} napon, hacsak addig el nem fogadja az ellenajánlatot, vagy ki nem fizeti a tartozást.',
	'portal.hold.hardship':
		'A tartozás ügyintézése szünetel, mert jelezte, hogy most nem tud fizetni; addig nem küldünk emlékeztetőt.'
};
