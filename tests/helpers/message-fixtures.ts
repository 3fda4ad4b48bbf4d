/** Messages rows for tests of what people see of them (the dispatcher makes them in real life). */
import type { DB } from '../../src/lib/server/db/client';
import { messages } from '../../src/lib/server/db/schema';
import type { MessageStatus } from '../../src/lib/domain/delivery';
import type { MessageChannel } from '../../src/lib/domain/messages';
import { clock } from '../../src/lib/server/clock';

let seq = 0;

export function makeMessage(
	db: DB,
	m: {
		debtorId: number;
		claimId: number | null;
		channel?: MessageChannel;
		templateKey?: string;
		status?: MessageStatus;
		statusReason?: string | null;
		subject?: string | null;
		body?: string | null;
		at?: number;
	}
): number {
	const at = m.at ?? clock().now();
	const sent = m.status && !['queued', 'cancelled', 'blocked'].includes(m.status);
	return db
		.insert(messages)
		.values({
			debtorId: m.debtorId,
			claimId: m.claimId,
			channel: m.channel ?? 'email',
			templateKey: m.templateKey ?? 'friendly.reminder',
			source: 'engine',
			dedupeKey: `test:${++seq}:${at}`,
			toAddress: sent ? 'someone@example.test' : null,
			subject: m.subject ?? null,
			body: m.body ?? (sent ? 'Tisztelt Ügyfelünk! https://portal.example/p/x' : null),
			bodyHash: sent ? 'ab'.repeat(32) : null,
			status: m.status ?? 'queued',
			statusReason: m.statusReason ?? null,
			scheduledAt: at,
			sentAt: sent ? at : null,
			createdAt: at,
			updatedAt: at
		})
		.returning({ id: messages.id })
		.get().id;
}
