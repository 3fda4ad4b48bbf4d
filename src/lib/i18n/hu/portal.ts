/** Hungarian texts of the portal area (source language). */
export default {
	'portal.title': 'portal'
} as const;
