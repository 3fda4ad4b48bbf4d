/** What the strategy page's sections share: the form's errors, the names they show, `keep`. */
import { t } from '$lib/i18n/t';
import type { MessageKey, Params } from '$lib/i18n/core';
import type { Channel, Stage } from '$lib/domain/stages';
import type { ActionResult } from '@sveltejs/kit';

/** field name -> the message shown next to it (the page's `form.errors`) */
export type Errors = Record<string, { key: string; params?: Params }>;

export const stageName = (s: Stage) => t(`creditor.stage.${s}` as MessageKey);
export const channelName = (c: Channel) => t(`creditor.channel.${c}` as MessageKey);

/** the page's fields as they stand now (an unticked box as ''), the sending form's last */
function typedNow(sender: HTMLFormElement): Record<string, string> {
	const out: Record<string, string> = {};
	for (const form of [...document.forms].filter((f) => f !== sender).concat(sender)) {
		for (const [k, v] of new FormData(form)) if (typeof v === 'string') out[k] = v;
		for (const box of form.querySelectorAll<HTMLInputElement>('input[type=checkbox]'))
			if (!box.checked) out[box.name] = '';
	}
	return out;
}

/**
 * enhance: after the answer, keep what was typed. An answer that carries values (a refusal, a
 * preview) carries the ones it was sent, and the page's fields follow `values`: a field typed
 * while the answer was on its way would get the sent value back, and a field of another form its
 * saved one (Svelte writes an input's value on its first update after hydration even when the
 * value did not change). So the fields as they stand now are laid over the answer's values.
 */
export const keep =
	({ formElement }: { formElement: HTMLFormElement }) =>
	async ({
		result,
		update
	}: {
		result: ActionResult;
		update: (o?: { reset?: boolean }) => Promise<void>;
	}) => {
		if ((result.type === 'success' || result.type === 'failure') && result.data?.values)
			result.data.values = { ...result.data.values, ...typedNow(formElement) };
		await update({ reset: false });
	};
