import { describe, expect, it } from 'vitest';
import { canMove, MESSAGE_STATUSES, FINAL_STATUSES } from '$lib/domain/delivery';

describe('delivery status moves only forward', () => {
	it('a delivered message never goes back to sent, and a final status is final', () => {
		expect(canMove('sent', 'delivered')).toBe(true);
		expect(canMove('delivered', 'sent')).toBe(false);
		for (const f of FINAL_STATUSES)
			for (const to of MESSAGE_STATUSES) expect(canMove(f, to)).toBe(false);
	});
	it('an unknown message may still be settled by a late report, not re-queued', () => {
		expect(canMove('unknown', 'delivered')).toBe(true);
		expect(canMove('unknown', 'failed')).toBe(true);
		expect(canMove('unknown', 'queued')).toBe(false);
		expect(canMove('unknown', 'sent')).toBe(false);
	});
	it('the same status twice changes nothing', () => {
		for (const s of MESSAGE_STATUSES) expect(canMove(s, s)).toBe(false);
	});
});
