/** Hungarian texts of the plans area (source language). */
export default {
	'plans.title': 'plans'
} as const;
