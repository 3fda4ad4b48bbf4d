/** Hungarian texts of the admin area (source language). */
export default {
	'admin.title': 'admin'
} as const;
