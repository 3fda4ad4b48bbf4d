/** What the strategy page's sections share: the form's errors, the names they show, `keep`. */
import { t } from '$lib/i18n/t';
import type { MessageKey, Params } from '$lib/i18n/core';
import type { Channel, Stage } from '$lib/domain/stages';

/** field name -> the message shown next to it (the page's `form.errors`) */
export type Errors = Record<string, { key: string; params?: Params }>;

export const stageName = (s: Stage) => t(`creditor.stage.${s}` as MessageKey);
export const channelName = (c: Channel) => t(`creditor.channel.${c}` as MessageKey);

/** enhance: after the answer, keep what was typed */
export const keep =
	() =>
	async ({ update }: { update: (o?: { reset?: boolean }) => Promise<void> }) =>
		update({ reset: false });
