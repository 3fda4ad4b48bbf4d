import type hu from '../hu/settlement-staff';

const en: Record<keyof typeof hu, string> = {
	'rules.settle.title': 'Settling at once with a discount',
	'rules.settle.intro':
		'When switched on, the debtor sees the offer in the portal: paying the whole balance at once by the deadline costs less. The discount comes off costs, fees and interest first, and off principal only down to the floor you set. The largest discount is the smaller of the band’s and the stage’s limit.',
	'rules.settle.enabled': 'Offer a discounted settlement',
	'rules.settle.days': 'The offer stands this many days from the start of the stage',
	'rules.settle.floor': 'Principal never goes below (HUF)',
	'rules.settle.band': 'Balance band {n}',
	'rules.settle.band.upTo': 'Balance up to (HUF; empty for the last band)',
	'rules.settle.band.max': 'Largest discount (%)',
	'rules.settle.stages': 'Largest discount per stage (%; 0: no offer)',
	'report.settlements': 'Discounted settlements',
	'report.settlements.line': '{count} claims settled with a discount, {amount} discount in all'
};

export default en;
