/** Hungarian texts of the operators' call and visit queue (source language). */
export default {
	'ops.tasks.title': 'Tervezett hívások és látogatások',
	'ops.tasks.intro':
		'A behajtási folyamat által mára vagy korábbra tervezett hívások és személyes látogatások. Hívás előtt nézze meg, szabad-e most kapcsolatba lépni; a rendszer a rögzítéskor is ellenőrzi.',
	'ops.tasks.filter.label': 'Szűrés csatorna szerint',
	'ops.tasks.filter.all': 'Mind',
	'ops.tasks.channel.call': 'Telefonhívás',
	'ops.tasks.channel.visit': 'Személyes látogatás',
	'ops.tasks.none': 'Nincs esedékes hívás vagy látogatás.',
	'ops.tasks.done': 'Rögzítettük. A követelést a rendszer azonnal újraértékelte.',
	'ops.tasks.claim': 'Követelés',
	'ops.tasks.stage': 'Szakasz',
	'ops.tasks.phone': 'Telefonszám',
	'ops.tasks.address': 'Cím',
	'ops.tasks.noReach': 'Nincs megadva',
	'ops.tasks.due': 'Esedékes',
	'ops.tasks.allowed': 'Most szabad kapcsolatba lépni.',
	'ops.tasks.outcome': 'Hogyan végződött?',
	'ops.tasks.outcome.conversation': 'Beszéltünk az adóssal',
	'ops.tasks.outcome.no_answer': 'Nem értük el (nem vette fel, nem volt otthon)',
	'ops.tasks.outcome.refused': 'Nem kívánt beszélni',
	'ops.tasks.record': 'Rögzítés',
	'ops.tasks.refused.c1_window':
		'Most nem szabad: a kapcsolattartási időn kívül vagyunk (hétköznap 8–20, szombaton 8–12 óra, vasárnap és ünnepnap soha).',
	'ops.tasks.refused.c2_cap':
		'Most nem szabad: az elmúlt 7 napban már 3 személyes megkeresés volt ebben az ügyben.',
	'ops.tasks.refused.c2_after_conversation':
		'Most nem szabad hívni: az elmúlt 7 napban már beszéltünk az adóssal.',
	'ops.tasks.refused.c8_opted_out': 'Nem szabad: az adós ezt a csatornát letiltotta.'
} as const;
