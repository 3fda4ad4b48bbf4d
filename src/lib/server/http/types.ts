/** What every form action answers when it refuses: one shape, read by every page as `form?.…`. */

/** Parameters of a translated message (numbers, words, dates). */
export type MessageParams = Record<string, string | number>;

/** An i18n key with its parameters: shown in the user's language, never as a code. */
export interface Message {
	key: string;
	params?: MessageParams;
}

/** field name -> the message shown next to it */
export type FieldErrors = Record<string, Message>;

/**
 * The body of every `fail()`: errors next to fields, or one message for the whole form, and the
 * values the user typed (so nothing is lost). A form with several rows (ops payments) names the
 * row in `values` (e.g. `values.paymentId`).
 */
export interface FormFailure {
	errors?: FieldErrors;
	message?: Message;
	values?: Record<string, string>;
}
