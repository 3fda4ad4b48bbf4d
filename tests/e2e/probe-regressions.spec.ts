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
	const send = async (action: string, frequency: string[]) => {
		const body = new URLSearchParams(fields);
		for (const f of frequency) body.append('frequency', f);
		const r = await ctx.post(`${path}?/${action}`, {
			data: body.toString(),
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			maxRedirects: 0
		});
		return { status: r.status(), html: await r.text() };
	};
	for (const action of ['preview', 'propose'])
		for (const frequency of ['__proto__', 'constructor', 'yearly']) {
			const r = await send(action, [frequency]);
			expect(r.status, `${action} with frequency=${frequency}`).toBe(400);
			// the form is shown again, with the frequency refused next to its field
			expect(r.html).toContain('data-testid="plan-form"');
			expect(r.html).toContain('id="frequency-error"');
		}
	// a repeated field: the first value is read; the page shows the form again, not a 500
	const twice = await send('preview', ['monthly', 'weekly']);
	expect(twice.status).toBe(200);
	expect(twice.html).toContain('data-testid="plan-form"');
	await ctx.dispose();
});
