/** What the parts of the seed share while they generate: the stream, the calendar, the writers, ids. */
import type { Balances, Component } from '../../../domain/ledger';
import type { Channel } from '../../../domain/stages';
import type { StrategyVersion } from '../../../domain/strategy';
import type { Rng } from './prng';
import type { Calendar } from './calendar';
import type { Writers } from './writers';
import type { CreditorDef } from './creditors';
import type { Rollups } from './rollups';

export interface SeedContext {
	rng: Rng;
	today: string;
	cal: Calendar;
	w: Writers;
	defs: CreditorDef[];
	creditorIds: number[];
	/** portfolios[c][k] = { id, day } for k months back (0 = newest) */
	portfolios: { id: number; day: number }[][];
	operatorId: number;
	isCompany: Uint8Array;
	/** bit 1 sms, 2 email, 4 call, 8 letter, 16 visit: channels the debtor opted out of (C8) */
	optOut: Uint8Array;
	/** the next id of each kind of row the seed numbers itself */
	ids: { debtor: number; claim: number; payment: number; plan: number; contact: number };
	roll: Rollups;
	refSeq: number[];
	/** each creditor's strategy version (its id as strategyId), by creditor index */
	versions: StrategyVersion[];
}

export const STAGE_KEYS = ['friendly_reminder', 'firm_reminder', 'formal_notice', 'legal'] as const;
export const EMPTY_BAL = (): Balances => ({ principal: 0, interest: 0, fee: 0, cost: 0 });
export const ORDER: readonly Component[] = ['cost', 'fee', 'interest', 'principal'];
export const IDENTIFIED: Partial<Record<Channel, true>> = { call: true, sms: true, visit: true };
export const CHANNEL_BIT: Record<Channel, number> = {
	sms: 1,
	email: 2,
	call: 4,
	letter: 8,
	visit: 16,
	portal: 0
};
