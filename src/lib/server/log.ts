/**
 * Logging without personal data: callers pass ids and codes, never names, amounts tied to a
 * person, tokens or answers. One JSON line per event so logs can be searched.
 */
export function logEvent(
	level: 'info' | 'warn' | 'error',
	event: string,
	fields: Record<string, unknown> = {}
): void {
	const line = JSON.stringify({ t: new Date().toISOString(), level, event, ...fields });
	if (level === 'error') console.error(line);
	else if (process.env.RENDEZ_QUIET !== '1') console.log(line);
}

/** An error's name and code only, for logs and audits: its message may quote values (personal data). */
export function errorName(e: unknown): string {
	return e instanceof Error
		? e.name + ('code' in e && typeof e.code === 'string' ? `:${e.code}` : '')
		: 'Error';
}
