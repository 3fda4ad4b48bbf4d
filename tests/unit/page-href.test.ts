import { describe, expect, it } from 'vitest';
import { actionHref, pageHref } from '$lib/staff/page-href';

describe("a list page's links and form actions", () => {
	it('a page link keeps the filters that are set', () => {
		expect(pageHref({ status: 'failed', ref: '', claim: null }, 2)).toBe('?status=failed&page=2');
	});

	it("a form action keeps the list's filters and page, and names only its own action", () => {
		expect(actionHref('?status=succeeded&page=3', 'refund')).toBe(
			'?status=succeeded&page=3&/refund'
		);
		// drawn after another form's post: that action is not carried on
		expect(actionHref('?page=3&/retry', 'refund')).toBe('?page=3&/refund');
		expect(actionHref('', 'refund')).toBe('?/refund');
	});
});
