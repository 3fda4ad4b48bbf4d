import type hu from '../hu/remittance';

const en: Record<keyof typeof hu, string> = {
	'creditor.nav.statements': 'Statements',
	'remittance.title': 'Remittance statement',
	'remittance.intro':
		'Money collected in the period per claim, refunds, our commission by your contract, and the amount to remit. Always computed from the ledger, so a closed period reads the same later.',
	'remittance.month': 'Month',
	'remittance.from': 'First day',
	'remittance.to': 'Last day',
	'remittance.show': 'Show',
	'remittance.badPeriod': 'Enter a valid period (the first day cannot be after the last).',
	'remittance.period': 'Period: {from} – {to}',
	'remittance.creditor': 'Creditor: {name}',
	'remittance.totals': 'Totals ({currency})',
	'remittance.col.reference': 'Reference',
	'remittance.col.currency': 'Currency',
	'remittance.col.claims': 'Claims',
	'remittance.col.collected': 'Collected',
	'remittance.col.refunded': 'Refunded',
	'remittance.col.agencyFees': 'Fees (kept by the agency)',
	'remittance.col.commission': 'Commission',
	'remittance.col.net': 'To remit',
	'remittance.none': 'No money came in or went out in this period.',
	'remittance.pdf': 'Download PDF',
	'remittance.csvExcel': 'Download for Excel (CSV, Hungarian)',
	'remittance.csvPlain': 'Download plain CSV',
	'remittance.pdf.title': 'Remittance statement',
	'remittance.terms.title': 'Commission',
	'remittance.terms.intro':
		'Our commission is a percentage of the money collected, by the contract. A new rate applies from a day; earlier periods are computed with the rates of their time.',
	'remittance.terms.none': 'No rate recorded: the commission is 0%.',
	'remittance.terms.scope': 'Applies to',
	'remittance.terms.all': 'All portfolios',
	'remittance.terms.anyStage': 'All stages',
	'remittance.terms.stage': 'Stage',
	'remittance.terms.portfolio': 'Portfolio',
	'remittance.terms.rate': 'Rate (%)',
	'remittance.terms.validFrom': 'In force from',
	'remittance.terms.add': 'Record rate',
	'remittance.terms.added': 'The rate is recorded.',
	'remittance.terms.badRate': 'The rate is a percentage from 0 to 100 with at most two decimals.'
};
export default en;
