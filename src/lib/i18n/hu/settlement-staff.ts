/** Hungarian staff texts of settlement offers (the rules editor, the creditor report; issue 19 item 6). */
export default {
	'rules.settle.title': 'Egyösszegű rendezés kedvezménnyel',
	'rules.settle.intro':
		'Ha bekapcsolja, az adós a portálon látja az ajánlatot: a teljes tartozást egy összegben, a határidőig kifizetve kevesebbet fizet. A kedvezmény először a költségekből, díjakból és kamatból jön le, a tőkéből legfeljebb a megadott határig. A legnagyobb kedvezmény a sáv és a szakasz szerinti korlát közül a kisebb.',
	'rules.settle.enabled': 'Kedvezményes rendezés felajánlása',
	'rules.settle.days': 'Az ajánlat a szakasz kezdetétől ennyi napig él',
	'rules.settle.floor': 'A tőke nem csökkenhet ez alá (Ft)',
	'rules.settle.band': '{n}. tartozássáv',
	'rules.settle.band.upTo': 'Tartozás felső határa (Ft; az utolsó sávnál üres)',
	'rules.settle.band.max': 'Legnagyobb kedvezmény (%)',
	'rules.settle.stages': 'Legnagyobb kedvezmény szakaszonként (%; 0: nincs ajánlat)',
	'report.settlements': 'Kedvezményes rendezések',
	'report.settlements.line':
		'{count} követelés rendezve kedvezménnyel, összesen {amount} kedvezmény'
};
