/**
 * The one page arithmetic of the staff lists (services/paging.ts): the page asked for is clamped
 * to the pages there are, and the list's query reads exactly that window.
 */
import { describe, expect, it } from 'vitest';
import { paged, type PageWindow } from '../../src/lib/server/services/paging';

/** A list of `total` numbered rows, read a window at a time (the windows asked for are kept). */
function list(total: number) {
	const asked: PageWindow[] = [];
	const read = (w: PageWindow) => {
		asked.push(w);
		return Array.from({ length: total }, (_, i) => i + 1).slice(w.offset, w.offset + w.limit);
	};
	return { asked, read };
}

describe('paged', () => {
	it('reads the window of the page asked for and says how many pages there are', () => {
		const { asked, read } = list(25);
		expect(paged(2, 10, 25, read)).toEqual({
			rows: [11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
			total: 25,
			page: 2,
			pages: 3
		});
		expect(asked).toEqual([{ limit: 10, offset: 10 }]);
	});

	it('a page past the end is the last; none, below 1, a fraction or not a number is the first', () => {
		const { read } = list(25);
		expect(paged(99, 10, 25, read)).toMatchObject({ page: 3, rows: [21, 22, 23, 24, 25] });
		for (const page of [undefined, 0, -4, Number.NaN])
			expect(paged(page, 10, 25, read)).toMatchObject({ page: 1, pages: 3 });
		expect(paged(2.7, 10, 25, read).page).toBe(2);
	});

	it('an empty list is one empty page', () => {
		const { asked, read } = list(0);
		expect(paged(3, 10, 0, read)).toEqual({ rows: [], total: 0, page: 1, pages: 1 });
		expect(asked).toEqual([{ limit: 10, offset: 0 }]);
	});
});
