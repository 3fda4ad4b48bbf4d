/** Hungarian texts of payments: the operators' payments page, refunds, flags: staff pages only (see staff.ts). */
export default {
	'payments.flag.amountMismatch':
		'A fizetési szolgáltató {reported} összeget jelzett a várt {expected} helyett; nem könyveltük le.',
	'payments.flag.gatewayUnavailable': 'A fizetési szolgáltató nem volt elérhető.',
	'payments.ops.title': 'Befizetések',
	'payments.ops.tasks': 'Visszatérítési feladatok (túlfizetés)',
	'payments.ops.tasksNone': 'Nincs nyitott visszatérítési feladat.',
	'payments.ops.due': 'Határidő',
	'payments.ops.overdue': 'lejárt',
	'payments.ops.list': 'Befizetések, a legújabb elöl',
	'payments.ops.filter': 'Állapot',
	'payments.ops.all': 'Mind',
	'payments.ops.reference': 'Követelés azonosítója (az eleje is elég)',
	'payments.ops.referenceExample': 'például DB-2026-0000042',
	'payments.ops.pages': 'A befizetések oldalai',
	'payments.ops.show': 'Szűrés',
	'payments.ops.id': 'Azonosító',
	'payments.ops.claim': 'Tartozás',
	'payments.ops.amount': 'Összeg',
	'payments.ops.status': 'Állapot',
	'payments.ops.gateway': 'Szolgáltató',
	'payments.gateway.stripe': 'bankkártya (Stripe)',
	'payments.gateway.demo': 'bemutató fizetőoldal',
	'payments.gateway.bank_transfer': 'banki átutalás',
	'payments.gateway.direct': 'közvetlenül a megbízónak fizetve',
	'payments.ops.date': 'Dátum',
	'payments.ops.refund': 'Visszatérítés',
	'payments.ops.refundAmount': 'Visszatérítendő összeg',
	'payments.ops.refundReason': 'Indoklás',
	'payments.ops.transferRef': 'A visszautalás közleménye vagy azonosítója',
	'payments.ops.transferHint':
		'Átutalással érkezett pénz: előbb utalja vissza az ügynökség számlájáról, aztán itt rögzítse.',
	'payments.ops.refundSubmit': 'Visszatérítés indítása',
	'payments.ops.transferSubmit': 'Visszautalás rögzítése',
	'payments.ops.refundedSoFar': 'eddig visszatérítve: {amount}',
	'payments.ops.refundDone': 'A visszatérítést a szolgáltató elfogadta, a könyvelést rögzítettük.',
	'payments.ops.refundRecorded': 'A visszautalást rögzítettük és lekönyveltük.',
	'payments.ops.promises': 'Nyitott fizetési ígéretek',
	'payments.ops.promisesNone': 'Nincs nyitott fizetési ígéret.',
	'payments.ops.promiseDate': 'Ígért dátum',
	'payments.ops.none': 'Nincs befizetés.',
	'payments.refund.error.notSucceeded':
		'Csak sikeres befizetés, vagy olyan megjelölt befizetés téríthető vissza, amelynek az összege beérkezett.',
	'payments.refund.error.noAnswer':
		'A fizetési szolgáltató nem válaszolt. A visszatérítés függőben maradt: ha a szolgáltató teljesítette, az értesítése alapján lekönyveljük. Ne indítson újat, hanem küldje el újra lent, a függő visszatérítéseknél.',
	'payments.refund.error.tooOldToRetry':
		'Ez a visszatérítés egy napnál régebben indult: újraküldve kétszer is teljesülhetne. Ellenőrizze a fizetési szolgáltató felületén, hogy megtörtént-e.',
	'payments.refund.error.notPending': 'Ez a visszatérítés már nem függőben van.',
	'payments.ops.pending': 'Függő visszatérítések',
	'payments.ops.pendingIntro':
		'A szolgáltató ezekre még nem válaszolt. Az újraküldés ugyanazzal az azonosítóval megy, így kétszer nem térít vissza (egy napig). Ha a szolgáltató felületén látja, hogy nem történt meg, zárja le: az összeg újra visszatéríthető lesz.',
	'payments.ops.retry': 'Újraküldés',
	'payments.ops.abandon': 'Nem történt meg (lezárás)',
	'payments.ops.requested': 'Indítva',
	'payments.refund.error.changed':
		'Ehhez a befizetéshez időközben másik visszatérítést indítottak. Nézze meg a frissített adatokat, és csak akkor indítsa újra, ha még szükséges.',
	'payments.refund.error.tooMuch': 'Legfeljebb {max} téríthető vissza.',
	'payments.refund.error.reason': 'Kérjük, írja le a visszatérítés okát.',
	'payments.refund.error.transferRef':
		'Adja meg a visszautalás azonosítóját (legalább 3 karakter).',
	'payments.refund.error.direct':
		'Ezt a befizetést a hitelező kapta meg, nálunk nincs mit visszatéríteni.',
	'payments.refund.error.gateway':
		'A fizetési szolgáltató nem fogadta el a visszatérítést. Próbálja újra később.'
} as const;
