/** Hungarian texts of the creditors' collection strategy editor and stage fees: staff pages only (see staff.ts). */
export default {
	'strategy.error.range': 'Kérjük, {min} és {max} közötti egész számot adjon meg.',
	'strategy.error.version': 'A változat száma pozitív egész szám.',
	'strategy.error.leadsTo': 'Az utolsó szakasz csak a jogi átadáshoz vezethet.',
	'strategy.error.noChannels': 'Adjon meg legalább egy csatornát.',
	'strategy.error.channelUnknown': 'Ismeretlen csatorna.',
	'strategy.error.channelTwice': 'Egy csatorna csak egyszer szerepelhet egy lépésben.',
	'strategy.error.template': 'Válasszon üzenetsablont.',
	'strategy.error.noStages': 'A stratégiának legalább egy szakasza legyen.',
	'strategy.error.lastNotLegal': 'Az utolsó szakasz a jogi átadás legyen.',
	'strategy.error.stageUnknown': 'Ismeretlen szakasz.',
	'strategy.error.stageTwice': 'Egy szakasz csak egyszer szerepelhet.',
	'strategy.error.stageOrder':
		'A szakaszok sorrendje: barátságos emlékeztető, határozott emlékeztető, hivatalos felszólítás, jogi átadás.',
	'strategy.error.startOrder': 'Ez a szakasz később kezdődjön, mint az előző.',
	'strategy.error.amount': 'Kérjük, érvényes, nem negatív összeget adjon meg.',
	'strategy.error.belowMinimum':
		'Válassza ki, mi történjen a minimum alatti tartozással: a szakasz kimarad, vagy az ügy gazdaságtalanként lezárul.',
	'strategy.error.fee': 'A díj összege legyen pozitív.',
	'strategy.error.noSteps': 'A szakasznak legalább egy lépése legyen.',
	'strategy.error.tooManySteps': 'Egy szakasznak legfeljebb {max} lépése lehet.',
	'strategy.error.stepKey':
		'A lépés azonosítója kisbetűvel kezdődjön, és csak kisbetűt, számot, kötőjelet és aláhúzást tartalmazzon.',
	'strategy.error.stepKeyTwice': 'Két lépésnek nem lehet azonos az azonosítója.',
	'strategy.error.stepOrder': 'A lépések napjai növekvő sorrendben legyenek.',
	'strategy.error.stepAfterNext':
		'Ez a lépés nem futna le, mert addigra a következő szakasz kezdődik: legfeljebb a(z) {max}. nap lehet.',
	'strategy.error.missed': 'Válassza ki, mi történjen a kimaradt napokkal.',
	'strategy.fee.refused.contract': 'A megbízó szerződése nem enged szakaszdíjat.',
	'strategy.fee.refused.consumer':
		'A 40 eurós behajtási költségátalány csak vállalkozás adóstól kérhető.',
	'strategy.fee.refused.tooLate':
		'A 40 eurós behajtási költségátalány csak a késedelembe esést követő egy éven belül kérhető.',
	'strategy.fee.refused.alreadyCharged':
		'A behajtási költségátalányt ennél az ügynél már felszámítottuk.',
	'strategy.fee.refused.noRate': 'Nincs árfolyam a 40 euró átszámításához.'
};
