/** Hungarian texts of the creditor area (source language). */
export default {
	'creditor.title': 'creditor'
} as const;
