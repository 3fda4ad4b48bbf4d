/**
 * How a form control is tied to its hint and to its error (shown by FieldError under `errorId`):
 * screen readers announce an invalid control and read the hint and the error with it. One way for
 * every form, so no page spells the ids or the attributes differently.
 */

/** The attributes a form control gets from its Field (a `control` snippet writes them on it). */
export type ControlAttrs = {
	id: string;
	name: string;
	'aria-invalid': 'true' | undefined;
	'aria-describedby': string | undefined;
};

/** `aria-invalid` of a control: 'true' while it has an error. */
export function invalid(error: unknown): 'true' | undefined {
	return error ? 'true' : undefined;
}

/** `aria-describedby` of a control: its hint (if any) and, while it has an error, the error. */
export function describedBy(error: unknown, errorId: string, hintId?: string): string | undefined {
	if (!error) return hintId;
	return hintId ? `${hintId} ${errorId}` : errorId;
}
