/** Hungarian texts of payments: paying, receipts, the demo page (source language); the operators' side is in payments-staff.ts. */
export default {
	'payments.title': 'Fizetés',
	'payments.status.pending': 'folyamatban',
	'payments.status.succeeded': 'sikeres',
	'payments.status.failed': 'sikertelen',
	'payments.status.expired': 'lejárt',
	'payments.status.flagged': 'ellenőrzés alatt',
	'payments.paidDirect': 'a hitelezőnek fizette',
	'payments.history.overpaid':
		'ebből {amount} több volt a tartozásnál: 5 napon belül visszautaljuk',
	'payments.history.refunded': 'visszautalva: {amount}',
	'payments.history.chargedBack': 'a kártyabank visszaterhelte: {amount}',
	'payments.purpose.full': 'teljes',
	'payments.purpose.partial': 'rész',
	'payments.purpose.installment': 'részlet',
	'payments.purpose.down_payment': 'előleg',
	'payments.purpose.manual': 'kézi',
	'payments.error.amountPositive': 'Kérjük, nullánál nagyobb összeget adjon meg.',
	'payments.error.wholeForints': 'Forintban egész összeget adjon meg, fillér nélkül.',
	'payments.error.tooMuch': 'Legfeljebb {max} adható meg.',
	'payments.error.tooLittle': 'Legalább {min} adható meg.',
	'payments.error.fullMismatch': 'A fennálló összeg közben változott. Kérjük, frissítse az oldalt.',
	'payments.error.partialNotAllowed': 'Ennél a tartozásnál csak a teljes összeg fizethető be.',
	'payments.error.nothingOwed': 'Ezen a tartozáson nincs fizetendő összeg.',
	'payments.error.pendingCheckout':
		'Ehhez a tartozáshoz már elindított egy fizetést. Fejezze be azt, vagy kezdjen újat {minutes} perc múlva.',
	'payments.error.paymentInFlight':
		'Ehhez a tartozáshoz egy befizetése már feldolgozás alatt áll. Kérjük, várja meg az eredményét.',
	'payments.error.gatewayDown':
		'A fizetési szolgáltató most nem érhető el. Kérjük, próbálja újra néhány perc múlva.',
	'payments.result.title': 'Befizetés',
	'payments.result.succeeded': 'Köszönjük! A befizetését ({amount}) jóváírtuk.',
	'payments.result.pending':
		'A befizetés feldolgozása folyamatban. Ha a bank jóváhagyta, néhány percen belül megjelenik.',
	'payments.result.failed':
		'A fizetés nem sikerült, nem terheltünk semmit. Próbálja újra, vagy válasszon más módot.',
	'payments.result.expired': 'A fizetési oldal lejárt, nem terheltünk semmit.',
	'payments.result.flagged': 'A befizetést munkatársunk ellenőrzi, és értesítjük az eredményről.',
	'payments.result.settled':
		'A tartozás rendezve. A rendezésről szóló igazolást a tartozás oldalán töltheti le.',
	'payments.result.remaining': 'E befizetés után még fizetendő: {amount}.',
	'payments.result.overpaid':
		'Ebből {amount} több volt, mint amennyivel tartozott: ezt 5 napon belül visszautaljuk Önnek.',
	'payments.result.refunded': 'Visszautaltunk Önnek ebből: {amount}.',
	'payments.result.chargedBack':
		'Kártyája kibocsátó bankja ebből {amount} összeget visszaterhelt Önnek, így ez a tartozásból újra fennáll.',
	'payments.result.receipt': 'Nyugta letöltése (PDF)',
	'payments.result.back': 'Vissza a tartozáshoz',
	'payments.result.tryAgain': 'Újra megpróbálom',
	'payments.result.refresh': 'Frissítés',
	'payments.receipt.title': 'Nyugta befizetésről',
	'payments.receipt.number': 'Nyugta száma',
	'payments.receipt.date': 'Befizetés napja',
	'payments.receipt.payer': 'Befizető',
	'payments.receipt.amount': 'Befizetett összeg',
	'payments.receipt.allocation': 'Elszámolás',
	'payments.receipt.overpayment': 'Túlfizetés (5 napon belül visszautaljuk)',
	'payments.receipt.refunded': 'Visszatérítve',
	'payments.receipt.direct':
		'Ezt az összeget Ön közvetlenül a hitelezőnek fizette meg; a hitelező jelzése alapján könyveltük el.',
	'payments.receipt.footer': 'A nyugta elektronikusan készült, aláírás nélkül érvényes.',
	'payments.demo.title': 'Bemutató fizetési oldal',
	'payments.demo.intro':
		'Ez egy bemutató fizetési oldal: valódi pénz nem mozdul. Válassza ki, mi történjen a fizetéssel.',
	'payments.demo.amount': 'Fizetendő összeg',
	'payments.demo.reference': 'Tartozás',
	'payments.demo.approve': 'Fizetés jóváhagyása',
	'payments.demo.decline': 'Fizetés elutasítása',
	'payments.demo.done': 'Ez a fizetés már lezárult.',
	'payments.demo.seeResult': 'A fizetés eredménye'
} as const;
