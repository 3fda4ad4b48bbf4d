/** Hungarian texts of the portal: the operators' side of disputes: staff pages only (see staff.ts). */
export default {
	'portal.dispute.ops.title': 'Kifogások',
	'portal.dispute.ops.none': 'Nincs megválaszolatlan kifogás.',
	'portal.dispute.ops.claim': 'Tartozás',
	'portal.dispute.ops.due': 'Válaszhatáridő',
	'portal.dispute.ops.reason': 'Ok',
	'portal.dispute.ops.details': 'Részletek',
	'portal.dispute.ops.attachment': 'Csatolmány',
	'portal.dispute.ops.outcome': 'Döntés',
	'portal.dispute.ops.uphold': 'Elfogadom (a követelés lezárul)',
	'portal.dispute.ops.reject': 'Elutasítom (a követelés visszakerül a folyamatba)',
	'portal.dispute.ops.answerLabel': 'Válasz az adósnak',
	'portal.dispute.ops.submit': 'Válasz rögzítése',
	'portal.dispute.ops.done': 'A választ rögzítettük.'
} as const;
