/** Hungarian texts of the auth area (source language). */
export default {
	'auth.title': 'auth'
} as const;
