/**
 * What the outside probe (`scripts/probe.ts`, issue 15) found in the built server, each checked
 * here against the real server so it stays fixed.
 */
import { expect, test } from '@playwright/test';
import { debtorContext, demo } from './access-helpers';

test('a plan preview sent a frequency that is none of ours answers 400 with the form, not 500', async () => {
	const anna = demo.debtors.anna;
	const ctx = await debtorContext(anna.token, anna.answer);
	const my = await (await ctx.get('/my')).text();
	const ids = [...new Set([...my.matchAll(/\/my\/claims\/(\d+)/g)].map((m) => m[1]))];
	// a claim whose plan page still offers the proposal form (another spec may have started a plan)
	let path = '';
	for (const id of ids) {
		const page = await (await ctx.get(`/my/claims/${id}/plan`)).text();
		if (page.includes('data-testid="plan-form"')) {
			path = `/my/claims/${id}/plan`;
			break;
		}
	}
	expect(path, 'a claim of Anna that offers a plan').not.toBe('');
	const fields = {
		downPayment: '0',
		installmentCount: '4',
		firstDueDate: '2099-01-01',
		income: '',
		costs: '',
		mode: 'auto'
	};
	for (const action of ['preview', 'propose'])
		for (const frequency of [['__proto__'], ['constructor'], ['monthly', 'weekly'], ['yearly']]) {
			const body = new URLSearchParams(fields);
			for (const f of frequency) body.append('frequency', f);
			const r = await ctx.post(`${path}?/${action}`, {
				data: body.toString(),
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				maxRedirects: 0
			});
			expect(r.status(), `${action} with frequency=${frequency.join('&')}`).toBe(400);
			// the form is shown again, with the frequency refused next to its field
			const html = await r.text();
			expect(html).toContain('data-testid="plan-form"');
			expect(html).toContain('id="frequency-error"');
		}
	await ctx.dispose();
});
