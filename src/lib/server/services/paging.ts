/**
 * One page of a long staff list (the operators' queues, the payments, the audit log, ...): each list
 * counts its rows and reads one window of them with its own query; the page arithmetic is here.
 */
import type { SQLiteSelect } from 'drizzle-orm/sqlite-core';
import { pageOf } from '$lib/domain/list-params';

/** A page of a list: its rows, how many rows the whole list has, the page shown and how many there are. */
export interface Paged<T> {
	rows: T[];
	total: number;
	/** 1-based, the page actually shown */
	page: number;
	pages: number;
}

/** The rows a page reads: `LIMIT limit OFFSET offset` in the list's order. */
export interface PageWindow {
	limit: number;
	offset: number;
}

/**
 * The page asked for (1-based; missing, below 1 or not a number is the first, past the end the
 * last) of a list of `total` rows in pages of `size`: `read` runs the list's query for that window.
 */
export function paged<T>(
	page: number | undefined,
	size: number,
	total: number,
	read: (window: PageWindow) => T[]
): Paged<T> {
	const at = pageOf(Math.floor(page ?? 1) || 1, total, size);
	return { rows: read({ limit: size, offset: at.offset }), total, page: at.page, pages: at.pages };
}

/**
 * `paged` for a list read by one drizzle select (`.$dynamic()`, in the list's order): the page's
 * window is the select's LIMIT and OFFSET.
 */
export function pagedSelect<Q extends SQLiteSelect<string | undefined, 'sync'>>(
	page: number | undefined,
	size: number,
	total: number,
	select: Q
): Paged<Q['_']['result'][number]> {
	return paged(page, size, total, (w) => select.limit(w.limit).offset(w.offset).all());
}
