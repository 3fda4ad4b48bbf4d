/** An instant as people read it in Budapest time: '2026. március 30. 11:00' / '30 March 2026 11:00'. */
import { localParts } from '$lib/domain/clock';
import { formatDate } from '$lib/format';
import type { Lang } from '$lib/i18n';

export function formatWhen(t: number, lang: Lang): string {
	const p = localParts(t);
	return `${formatDate(p.date, lang)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}
