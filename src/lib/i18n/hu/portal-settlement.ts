/**
 * Hungarian texts of settlement offers for debtors (issue 19 item 6): the claim page's offer and
 * the certificate's line. The server writes them (portal claim page load, certificate PDF), so
 * debtors' phones never download these: in the full dictionary (index.ts), not in base.ts.
 */
export default {
	'portal.offer.title': 'Kedvezményes rendezés egy összegben',
	'portal.offer.text':
		'Ha {deadline} napig egy összegben megfizet {pay} összeget, a tartozását rendezettnek tekintjük: {discount} kedvezményt kap a {total} tartozásból.',
	'portal.offer.card': 'Fizetek {pay} összeget kártyával',
	'portal.offer.transfer':
		'Átutalással is elfogadjuk: utaljon {pay} összeget {deadline} napig, a közleménybe írja be: {reference}.',
	'portal.offer.changed': 'Az ajánlat közben megváltozott. Kérjük, nézze meg újra.',
	'portal.certificate.agreement':
		'A követelést a felek megállapodása alapján, egyösszegű fizetéssel rendezték; a hitelező {discount} összeget elengedett.',
	'portal.certificate.discount': 'Elengedett összeg (megállapodás alapján)'
} as const;
