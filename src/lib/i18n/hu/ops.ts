/** Hungarian texts of the ops area (source language). */
export default {
	'ops.title': 'ops'
} as const;
