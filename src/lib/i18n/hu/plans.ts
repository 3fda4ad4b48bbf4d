/** Hungarian texts of the plans area (source language): rules, evaluator, plan page; the operators' queue, the outbox and the rules editor are in plans-staff.ts. */
export default {
	'plans.title': 'Részletfizetés',

	// evaluator: each names the limit it enforces
	'plans.rule.payAtOnce':
		'Ennél az összegnél ({limit} alatt) a megbízó nem enged részletfizetést: kérjük, egyben fizesse ki.',
	'plans.rule.frequency': 'Ez a fizetési gyakoriság ennél a tartozásnál nem választható.',
	'plans.rule.countMin': 'Legalább egy részletet adjon meg.',
	'plans.rule.countMax': 'Legfeljebb {max} részlet lehet.',
	'plans.rule.downMin': 'Az előleg legalább {min} legyen.',
	'plans.rule.downMax':
		'Az előleg legfeljebb {max} lehet (a teljes összeget a „Fizetés” gombbal egyben is kifizetheti).',
	'plans.rule.downWhole': 'Az előleget egész forintban adja meg.',
	'plans.rule.installmentMin': 'Egy részlet legalább {min} legyen.',
	'plans.rule.installmentShare': 'Egy részlet legalább a tartozás {percent}%-a, azaz {min} legyen.',
	'plans.rule.firstInvalid': 'Kérjük, érvényes dátumot adjon meg az első részlethez.',
	'plans.rule.firstPast': 'Az első részlet nem eshet a mai nap elé.',
	'plans.rule.firstLatest':
		'Az első részlet legkésőbb {latest} legyen (a mai naptól {days} napon belül).',
	'plans.rule.length':
		'A terv legfeljebb {days} napig tarthat: az utolsó részlet legkésőbb {lastAllowed} legyen.',

	'plans.freq.weekly': 'hetente',
	'plans.freq.biweekly': 'kéthetente',
	'plans.freq.monthly': 'havonta',

	'plans.status.proposed': 'Jóváhagyásra vár',
	'plans.status.countered': 'Ellenajánlat vár a döntésére',
	'plans.status.active': 'Érvényes',
	'plans.status.completed': 'Teljesítve',
	'plans.status.broken': 'Megszakadt',
	'plans.status.rejected': 'Elutasítva',
	'plans.status.declined': 'Ön elutasította',
	'plans.status.cancelled': 'Megszűnt',
	'plans.status.lapsed': 'Lejárt ellenajánlat',

	'plans.inst.due': 'Esedékes',
	'plans.inst.upcoming': 'Később esedékes',
	'plans.inst.paid': 'Kifizetve',
	'plans.inst.late': 'Késésben',
	'plans.inst.missed': 'Elmaradt',
	'plans.inst.void': 'Megszűnt a tervvel',
	'plans.inst.down': 'Előleg',

	// debtor page
	'plans.page.title': 'Részletfizetés – {reference}',
	'plans.page.back': 'Vissza a tartozáshoz',
	'plans.page.balance': 'Fennálló tartozás: {amount}',
	'plans.page.intro':
		'Állítsa össze, hogyan tudná részletekben kifizetni. A megbízó szabályain belüli tervek azonnal érvénybe lépnek; a többit munkatársunk bírálja el.',
	'plans.page.payAtOnce':
		'Ennél az összegnél nincs lehetőség részletfizetésre. Kérjük, fizesse ki egyben.',
	'plans.page.notOpen': 'Ennél a tartozásnál most nem lehet részletfizetést kérni.',
	'plans.form.title': 'Az Ön javaslata',
	'plans.form.down': 'Előleg (ma fizetendő, {unit})',
	'plans.form.downHint': 'Legalább {min}.',
	'plans.form.downHintNone': 'Ha nem szeretne előleget fizetni, írjon 0-t.',
	'plans.form.count': 'Részletek száma',
	'plans.form.countHint': 'Legfeljebb {max} részlet.',
	'plans.form.countHintFitting':
		'Legfeljebb {max} részlet; ekkora előleggel és ilyen gyakorisággal a többi szabály szerint legfeljebb {fitting}.',
	'plans.form.frequency': 'Gyakoriság',
	'plans.form.first': 'Első részlet dátuma',
	// a Hungarian date ends with its own period: a sentence that ends with one takes no second
	'plans.form.firstHint': 'Legkésőbb {latest}',
	'plans.form.preview': 'Ütemezés frissítése',
	'plans.form.submitAuto': 'Részletfizetés indítása',
	'plans.form.submitReview': 'Elküldöm jóváhagyásra',
	'plans.form.budgetTitle': 'Rövid költségvetés (nem kötelező)',
	'plans.form.budgetIntro': 'Ha megadja, munkatársunk könnyebben talál Önnek megfelelő tervet.',
	'plans.form.income': 'Havi nettó jövedelem ({unit})',
	'plans.form.costs': 'Havi alapvető kiadások ({unit})',
	'plans.form.reviewNote':
		'Ez a javaslat kívül esik a szabályokon. Elküldheti így jóváhagyásra, vagy választhatja a legközelebbi tervet, amely megfelel nekik.',
	'plans.form.autoNote': 'Ez a terv megfelel a szabályoknak, és azonnal érvénybe lép.',
	'plans.form.withinButReview':
		'Ez a terv megfelel a szabályoknak, de ennyi részletet munkatársunknak kell jóváhagynia.',
	'plans.form.broken': 'A javaslat ezekben nem felel meg a szabályoknak:',
	'plans.form.nearest':
		'Javaslatunk helyette: {count} részlet, részletenként {amount}, {frequency}, első részlet {first}, előleg {down}.',
	// (Hungarian counts in the singular: only English needs its own text for one)
	'plans.form.nearestOne':
		'Javaslatunk helyette: 1 részlet ({amount}), {frequency}, esedékes {first}, előleg {down}.',
	'plans.form.useNearest': 'Ezt választom',
	'plans.form.tookNearest':
		'Javaslatunkat beírtuk a mezőkbe. Ön ezt írta: előleg {down}, {count} részlet, {frequency}.',
	'plans.form.undoNearest': 'Visszaállítom, amit írtam',
	'plans.form.noNearest':
		'Ehhez a tartozáshoz nincs a szabályoknak megfelelő terv; elküldheti jóváhagyásra.',
	'plans.schedule.title': 'Ütemezés',
	'plans.schedule.caption': 'Részletek és esedékességek',
	'plans.schedule.seq': 'Részlet',
	'plans.schedule.due': 'Esedékes',
	'plans.schedule.amount': 'Összeg',
	'plans.schedule.paid': 'Befizetve',
	'plans.schedule.status': 'Állapot',
	'plans.schedule.total': 'Összesen',
	'plans.confirm.autoTitle': 'Részletfizetése érvényes',
	'plans.confirm.auto':
		'Köszönjük! A részletfizetés elindult. Minden részlet előtt 3 nappal emlékeztetőt küldünk.',
	'plans.confirm.review':
		'Köszönjük! Javaslatát elküldtük munkatársunknak; a döntést itt fogja látni.',
	'plans.confirm.pdf': 'Ütemezés letöltése (PDF)',
	'plans.living.title': 'Az Ön részletfizetése',
	'plans.living.next': 'Következő részlet: {amount}, esedékes {date}',
	'plans.living.paid': 'Befizetve: {amount}',
	'plans.living.remaining': 'Hátralévő: {amount}',
	'plans.living.payNext': 'A következő részlet befizetése',
	'plans.living.payAheadTitle': 'Előre fizetés',
	'plans.living.payAheadAmount': 'Összeg ({unit})',
	'plans.living.payAheadHint':
		'Legfeljebb {max}. A befizetés a legrégebbi részlettől kezdve számolódik el.',
	'plans.living.payAhead': 'Befizetés',
	'plans.living.lateWarning':
		'Egy részlet késésben van. Ha {date} napig nem fizeti be, a részletfizetés megszakad.',
	'plans.living.completed': 'A részletfizetést teljesítette. Köszönjük!',
	'plans.pending.title': 'Javaslata jóváhagyásra vár',
	'plans.pending.body': 'Munkatársunk hamarosan dönt. Addig itt nyomon követheti.',
	'plans.pending.withdraw': 'Javaslat visszavonása',
	// while a plan waits for a decision: the claim page's words and the promise and pause refusals
	'plans.waiting.proposed':
		'Részletfizetési javaslata döntésre vár. Amíg nem döntünk róla, fizetési ígéretet nem tehet és szünetet sem kérhet; fizetni addig is tud (a teljes összeget vagy egy részét), a javaslatát pedig visszavonhatja.',
	'plans.waiting.countered':
		'Ellenajánlatunk az Ön válaszára vár. Amíg nem válaszol rá, fizetési ígéretet nem tehet és szünetet sem kérhet; fizetni addig is tud (a teljes összeget vagy egy részét).',
	// the counter-offer's terms: not "within the rules" (an operator may counter outside them)
	'plans.counter.terms':
		'Ajánlatunk: {count} részlet, részletenként {amount}, {frequency}, első részlet {first}, előleg {down}.',
	'plans.counter.title': 'Ellenajánlatot kapott',
	'plans.counter.body':
		'Munkatársunk az alábbi ütemezést javasolja. Elfogadhatja, vagy elutasíthatja és új javaslatot tehet.',
	'plans.counter.note': 'Munkatársunk megjegyzése: {note}',
	'plans.counter.accept': 'Elfogadom',
	'plans.counter.decline': 'Nem fogadom el',
	'plans.counter.accepted': 'Elfogadta az ellenajánlatot; a részletfizetés elindult.',
	'plans.counter.declined': 'Elutasította az ellenajánlatot. Új javaslatot tehet.',
	'plans.history.title': 'Korábbi döntések',
	'plans.history.rejected': 'Javaslatát elutasítottuk ({date}). Indoklás: {reason}',
	'plans.history.countered': 'Javaslatára ellenajánlatot tettünk ({date}).',
	'plans.history.broken':
		'A részletfizetés {date} napon megszakadt, mert egy részlet a türelmi időn túl is elmaradt.',
	'plans.history.lapsed':
		'Ellenajánlatunk {date} napon lejárt, mert az első részlet napjáig nem fogadta el. Ha most is részletekben fizetne, tegyen új javaslatot.',
	'plans.history.other': '{status} ({date})',
	'plans.history.approved': 'Javaslatát munkatársunk jóváhagyta ({date}).',
	'plans.withdrawn': 'Javaslatát visszavonta.',
	'plans.paymentUnavailable': 'A fizetés most nem indítható. Kérjük, próbálja újra később.',

	// service errors
	'plans.error.openPlan':
		'Ennél a tartozásnál már van folyamatban lévő részletfizetés vagy javaslat.',
	'plans.error.claimNotOpen': 'Ennél a tartozásnál most nem lehet részletfizetést kérni.',
	'plans.error.notAuto': 'Ez a terv nem indítható azonnal; küldje el jóváhagyásra.',
	'plans.error.state': 'Ez a terv már nem ebben az állapotban van. Frissítse az oldalt.',
	'plans.error.stale': 'A terv első esedékessége már elmúlt; tegyen ellenajánlatot új dátummal.',
	'plans.error.counterExpired':
		'Az ellenajánlat esedékessége már elmúlt. Kérjük, tegyen új javaslatot.',
	'plans.error.reasonRequired': 'Kérjük, írja meg az indoklást, ezt az adós is látni fogja.',
	'plans.error.amountTooHigh': 'Legfeljebb {max} fizethető be.',
	'plans.error.budget': 'Kérjük, vagy mindkét összeget adja meg, vagy egyiket sem.',

	// PDF
	'plans.pdf.title': 'Részletfizetési megállapodás',
	'plans.pdf.claim': 'Ügyszám: {reference}',
	'plans.pdf.creditor': 'Megbízó: {creditor}',
	'plans.pdf.debtor': 'Adós: {name}',
	'plans.pdf.agreed': 'Érvényes: {date}',
	'plans.pdf.total': 'Teljes összeg: {amount}',
	'plans.pdf.footer':
		'Minden részlet előtt 3 nappal emlékeztetőt küldünk. Ha egy részlet {grace} napnál többet késik, a részletfizetés megszakad.',

	'plans.living.approved': 'Munkatársunk {date} napon jóváhagyta a részletfizetést.'
} as const;
