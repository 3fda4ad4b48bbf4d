/** The value lists of the engine's records (the schema imports them; see schema/engine.ts). */

/** contact: a message or a call/visit task (its first channel says which); fee and handover: done by the engine. */
export const ACTION_KINDS = ['contact', 'handover', 'fee'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** planned -> done | cancelled | failed; nothing else moves an action. */
export const ACTION_STATES = ['planned', 'done', 'cancelled', 'failed'] as const;
export type ActionState = (typeof ACTION_STATES)[number];

export const RUN_STATES = ['running', 'done', 'failed'] as const;
export type RunState = (typeof RUN_STATES)[number];

/** queued -> checked -> handed_over; withdrawn when the claim is paid or held before it leaves. */
export const HANDOVER_STATES = ['queued', 'checked', 'handed_over', 'withdrawn'] as const;
export type HandoverState = (typeof HANDOVER_STATES)[number];
