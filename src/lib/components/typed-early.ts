/**
 * What a person typed or chose before the page's JavaScript woke up (a cheap phone on a slow line
 * shows a form seconds before). Hydration writes each field's drawn value back over it: Svelte
 * keeps the typed value only for a bound field, and our fields are given `value={…}`. So the root
 * layout notes the changed fields before the page hydrates (`noteTyped`) and puts them back after
 * (`putBack`), with the event a bound field or a listener would have heard.
 */
type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type Typed = { el: Control; value: string; checked: boolean };

const isBox = (el: Control): el is HTMLInputElement =>
	el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio');

/** a select's drawn choice: the option marked selected, else its first */
const drawnIndex = (el: HTMLSelectElement) =>
	Math.max(
		0,
		[...el.options].findIndex((o) => o.defaultSelected)
	);

function changed(el: Control): boolean {
	if (isBox(el)) return el.checked !== el.defaultChecked;
	if (el instanceof HTMLSelectElement) return !el.multiple && el.selectedIndex !== drawnIndex(el);
	return el.type !== 'hidden' && el.type !== 'file' && el.value !== el.defaultValue;
}

export function noteTyped(): Typed[] {
	const out: Typed[] = [];
	for (const el of document.querySelectorAll<Control>('input, select, textarea'))
		if (changed(el)) out.push({ el, value: el.value, checked: isBox(el) && el.checked });
	return out;
}

export function putBack(typed: Typed[]): void {
	for (const { el, value, checked } of typed) {
		if (!el.isConnected) continue; // the page drew another form meanwhile
		if (isBox(el) ? el.checked === checked : el.value === value) continue;
		if (isBox(el)) el.checked = checked;
		else el.value = value;
		const text = !isBox(el) && !(el instanceof HTMLSelectElement);
		el.dispatchEvent(new Event(text ? 'input' : 'change', { bubbles: true }));
	}
}
