/** Hungarian texts of the payments area (source language). */
export default {
	'payments.title': 'payments'
} as const;
