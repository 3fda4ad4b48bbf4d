/** The one-click e-mail unsubscribe page (/stop/…), opened from the link in every e-mail (C8). */
export default {
	'unsubscribe.title': 'Leiratkozás az e-mailekről',
	'unsubscribe.ask': 'Szeretné, hogy ezentúl ne küldjünk Önnek e-mailt?',
	'unsubscribe.other':
		'Ügyéről ezután is értesítjük, más módon (SMS-ben vagy levélben). Személyes oldalán bármikor visszakapcsolhatja az e-maileket.',
	'unsubscribe.button': 'Nem kérek több e-mailt',
	'unsubscribe.done': 'Rendben, nem küldünk Önnek több e-mailt.',
	'unsubscribe.invalid': 'Ez a leiratkozási link nem érvényes.'
};
