/** A form body as a browser sends it: each field once, or a list of values for a repeated field. */
export const formOf = (fields: Record<string, string | string[]>) => {
	const fd = new FormData();
	for (const [k, v] of Object.entries(fields))
		for (const one of Array.isArray(v) ? v : [v]) fd.append(k, one);
	return fd;
};
