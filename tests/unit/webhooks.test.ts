import { describe, expect, it } from 'vitest';
import { eventOfAudit, nextAttemptDelayMs, webhookUrlProblem } from '$lib/domain/webhooks';

describe('webhook rules', () => {
	it('hear only real events: a status change to paid, not to other statuses', () => {
		expect(eventOfAudit('claim.status', { status: 'paid' })).toBe('claim.paid');
		expect(eventOfAudit('claim.status', { status: 'open' })).toBeNull();
		expect(eventOfAudit('payment.succeeded', null)).toBe('payment.posted');
		expect(eventOfAudit('dispute.rejected', null)).toBe('dispute.answered');
		expect(eventOfAudit('auth.login', null)).toBeNull();
	});
	it('retry with growing waits, then give up', () => {
		expect(nextAttemptDelayMs(1)).toBe(60_000);
		expect(nextAttemptDelayMs(2)).toBe(300_000);
		expect(nextAttemptDelayMs(8)).toBeNull();
	});
	it('send only to https addresses outside internal networks', () => {
		expect(webhookUrlProblem('https://erp.example.com/hook', false)).toBeNull();
		expect(webhookUrlProblem('http://erp.example.com/hook', false)).toBe('webhooks.url.https');
		for (const u of [
			'https://localhost/x',
			'https://10.1.2.3/',
			'https://192.168.0.1/',
			'https://[::1]/',
			'https://172.20.0.1/'
		])
			expect(webhookUrlProblem(u, false)).toBe('webhooks.url.local');
		expect(webhookUrlProblem('https://user:pw@erp.example/', false)).toBe('webhooks.url.invalid');
		expect(webhookUrlProblem('http://127.0.0.1:9/h', true)).toBeNull();
	});
});
