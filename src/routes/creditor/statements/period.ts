import { addDays, addMonths, isValidDate, localDate } from '$lib/domain/clock';
import type { Actor } from '$lib/domain/actor';
import { clock } from '$lib/server/clock';
import { parseId } from '$lib/server/http';

/**
 * The statement's period and creditor from the address, so a statement can be bookmarked:
 * ?month=YYYY-MM, or ?from=&to= (days), else last month. Admins name the creditor (?creditor=);
 * a creditor's user always gets their own.
 */
export function statementQuery(url: URL, actor: Actor) {
	const p = url.searchParams;
	const creditorId =
		actor.kind === 'creditor' ? actor.creditorId : (parseId(p.get('creditor')) ?? 0);
	const month = p.get('month') ?? '';
	const today = localDate(clock().now());
	let from = p.get('from') ?? '';
	let to = p.get('to') ?? '';
	const isMonth = /^\d{4}-\d{2}$/.test(month) && isValidDate(`${month}-01`);
	if (isMonth) {
		from = `${month}-01`;
		to = addDays(addMonths(from, 1), -1);
	} else if (month) {
		// a month that is not one: the period check refuses it next to the field
		from = month;
		to = month;
	} else if (!from && !to) {
		const thisMonth = `${today.slice(0, 7)}-01`;
		from = addMonths(thisMonth, -1);
		to = addDays(thisMonth, -1);
	}
	from = from.slice(0, 10);
	to = to.slice(0, 10);
	// the month picker shows the month the period is, however it was asked for (last month by default)
	const whole = isValidDate(from) && from.endsWith('-01') && to === addDays(addMonths(from, 1), -1);
	return { creditorId, month: whole ? from.slice(0, 7) : '', from, to };
}

/** The last twelve months, newest first, for the month picker. */
export function recentMonths(): string[] {
	const first = `${localDate(clock().now()).slice(0, 7)}-01`;
	return Array.from({ length: 12 }, (_, i) => addMonths(first, -i).slice(0, 7));
}
