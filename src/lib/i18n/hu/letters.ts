/** Hungarian texts of the print batches of letters (issue 17, /ops/letters): staff pages only (see staff.ts). */
export default {
	'ops.letters.title': 'Levelek nyomtatása',
	'ops.letters.intro':
		'A kiküldendő levelek naponta egy kötegbe kerülnek. Készítse el a mai köteget, töltse le a PDF-et és a jegyzéket a nyomdának, majd jelölje a köteget átadottnak: ekkor a levelek elküldöttnek számítanak.',
	'ops.letters.due': 'Kötegre váró levelek: {count}',
	'ops.letters.build': 'Mai köteg elkészítése',
	'ops.letters.built':
		'Elkészült a(z) {id}. számú köteg {count} levéllel. Visszavonva (kifizetett, szüneteltetett vagy le nem írható ügy): {cancelled}.',
	'ops.letters.builtNone':
		'Nincs kiküldendő levél, köteg nem készült. Visszavonva (kifizetett, szüneteltetett vagy le nem írható ügy): {cancelled}.',
	'ops.letters.none': 'Még nincs nyomtatási köteg.',
	'ops.letters.making':
		'A(z) {id}. köteg készül, {count} levél vár rá. Az oldal magától frissül, amint elkészül.',
	'ops.letters.col.id': 'Köteg',
	'ops.letters.col.day': 'Nap',
	'ops.letters.col.count': 'Levelek',
	'ops.letters.col.state': 'Állapot',
	'ops.letters.col.files': 'Letöltés',
	'ops.letters.col.actions': 'Teendő',
	'ops.letters.state.open': 'Nyomdára vár',
	'ops.letters.state.handed_over': 'Átadva a nyomdának',
	'ops.letters.state.empty': 'Nincs mit nyomtatni (minden levél visszavonva)',
	'ops.letters.state.making': 'Készül…',
	'ops.letters.cancelledCount': 'Visszavonva: {count}',
	'ops.letters.createdBy': 'Készítette: {name}',
	'ops.letters.handedOverBy': 'Átadta: {name}, {date}',
	'ops.letters.pdf': 'Levelek (PDF)',
	'ops.letters.manifest': 'Jegyzék (CSV)',
	'ops.letters.open': '{id}. köteg megnyitása',
	'ops.letters.handOver': 'Átadva a nyomdának',
	'ops.letters.handedOver': 'A köteget átadottnak jelöltük, a levelek elküldöttnek számítanak.',
	'ops.letters.batchTitle': '{id}. nyomtatási köteg ({day})',
	'ops.letters.col.message': 'Levél',
	'ops.letters.col.reference': 'Ügyszám',
	'ops.letters.col.name': 'Címzett',
	'ops.letters.col.address': 'Cím',
	'ops.letters.col.status': 'Állapot',
	'ops.letters.status.queued': 'Nyomtatásra vár',
	'ops.letters.status.sent': 'Elküldve',
	'ops.letters.status.delivered': 'Kézbesítve',
	'ops.letters.status.bounced': 'Visszajött',
	'ops.letters.status.other': 'Egyéb',
	'ops.letters.returned': 'Visszajött a levél',
	'ops.letters.returnedDone':
		'A levelet visszajöttnek jelöltük; a postai címet érvénytelennek vettük, a következő lépés más csatornán megy.',
	'ops.letters.empty': 'Ebben a kötegben nincs levél.',
	'ops.letters.error.handedOver': 'Ezt a köteget már átadták a nyomdának.',
	'ops.letters.error.making':
		'Egy köteg még készül. Várja meg, amíg elkészül, és csak utána kezdjen újat.',
	'ops.letters.error.returned': 'Ezt a levelet már visszajöttnek jelölték.',
	'ops.letters.error.notSent': 'Ez a levél még nem ment el, nem jöhetett vissza.'
} as const;
