/**
 * A small, strict XML reader for the bank statements (ISO 20022 camt.053): elements, attributes,
 * text, CDATA, comments and the five predefined entities plus character references. A document
 * type declaration is refused outright, so no entity is ever defined or expanded (no XXE, no
 * "billion laughs"); an unknown entity is an error. Namespace prefixes are dropped from names
 * (camt files use a default namespace; some banks write `<ns2:Ntry>`). Linear in the input.
 * Pure: text in, a tree out.
 */

export interface XmlElement {
	/** local name, without a namespace prefix */
	name: string;
	attrs: Record<string, string>;
	children: XmlElement[];
	/** the element's own text (its text nodes joined), not its descendants' */
	text: string;
}

export class XmlError extends Error {
	constructor(
		readonly key: 'bank.err.xmlDoctype' | 'bank.err.xmlSyntax',
		readonly at: number
	) {
		super(`${key} at ${at}`);
	}
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string, at: number): string {
	if (!s.includes('&')) return s;
	return s.replace(/&([^;&\s]{0,12});/g, (_, name: string) => {
		if (name.startsWith('#x') || name.startsWith('#X')) {
			const n = Number.parseInt(name.slice(2), 16);
			if (!/^[0-9a-fA-F]+$/.test(name.slice(2)) || n > 0x10ffff)
				throw new XmlError('bank.err.xmlSyntax', at);
			return String.fromCodePoint(n);
		}
		if (name.startsWith('#')) {
			const n = Number(name.slice(1));
			if (!/^\d+$/.test(name.slice(1)) || n > 0x10ffff)
				throw new XmlError('bank.err.xmlSyntax', at);
			return String.fromCodePoint(n);
		}
		if (!Object.hasOwn(PREDEFINED, name)) throw new XmlError('bank.err.xmlSyntax', at);
		return PREDEFINED[name];
	});
}

const localName = (qname: string) => {
	const i = qname.indexOf(':');
	return i < 0 ? qname : qname.slice(i + 1);
};

const NAME = /^[A-Za-z_][\w.:-]*$/;
/**
 * One attribute where the last one ended (sticky): a failed match gives up at that place, so a long
 * run that looks like a name costs one pass, not one pass per character (a global regex retried at
 * every position is quadratic: 100 000 characters in a start tag took 26 s).
 */
const ATTR = /\s+([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/** The document's root element. Throws XmlError on anything malformed or a DOCTYPE. */
export function parseXml(input: string): XmlElement {
	const src = input.startsWith('\uFEFF') ? input.slice(1) : input;
	const stack: XmlElement[] = [];
	const texts: string[][] = [];
	let root: XmlElement | null = null;
	let i = 0;
	const fail = (at: number): never => {
		throw new XmlError('bank.err.xmlSyntax', at);
	};
	const addText = (t: string, at: number) => {
		if (stack.length === 0) {
			if (t.trim() !== '') fail(at);
			return;
		}
		texts[texts.length - 1].push(t);
	};
	while (i < src.length) {
		const lt = src.indexOf('<', i);
		if (lt < 0) {
			addText(decodeEntities(src.slice(i), i), i);
			break;
		}
		if (lt > i) addText(decodeEntities(src.slice(i, lt), i), i);
		if (src.startsWith('<!--', lt)) {
			const end = src.indexOf('-->', lt + 4);
			if (end < 0) fail(lt);
			i = end + 3;
		} else if (src.startsWith('<![CDATA[', lt)) {
			const end = src.indexOf(']]>', lt + 9);
			if (end < 0 || stack.length === 0) fail(lt);
			texts[texts.length - 1].push(src.slice(lt + 9, end));
			i = end + 3;
		} else if (src.startsWith('<!', lt)) {
			// <!DOCTYPE ...> or <!ENTITY ...>: never read, never expanded
			throw new XmlError('bank.err.xmlDoctype', lt);
		} else if (src.startsWith('<?', lt)) {
			const end = src.indexOf('?>', lt + 2);
			if (end < 0) fail(lt);
			i = end + 2;
		} else if (src.startsWith('</', lt)) {
			const end = src.indexOf('>', lt + 2);
			if (end < 0) fail(lt);
			const name = src.slice(lt + 2, end).trim();
			const open = stack.pop();
			if (!open || localName(name) !== open.name) fail(lt);
			open!.text = texts.pop()!.join('');
			if (stack.length === 0) root = open!;
			i = end + 1;
		} else {
			const end = findTagEnd(src, lt + 1);
			if (end < 0) fail(lt);
			const selfClosing = src[end - 1] === '/';
			const body = src.slice(lt + 1, selfClosing ? end - 1 : end);
			const m = /^([^\s/>]+)/.exec(body);
			if (!m || !NAME.test(m[1])) fail(lt);
			if (root) fail(lt); // a second root element
			const attrs: Record<string, string> = {};
			const rest = body.slice(m![1].length);
			let read = 0;
			ATTR.lastIndex = 0;
			for (let a = ATTR.exec(rest); a; a = ATTR.exec(rest)) {
				attrs[localName(a[1])] = decodeEntities(a[2] ?? a[3] ?? '', lt);
				read = ATTR.lastIndex;
			}
			if (rest.slice(read).trim() !== '') fail(lt);
			const el: XmlElement = { name: localName(m![1]), attrs, children: [], text: '' };
			if (stack.length > 0) stack[stack.length - 1].children.push(el);
			if (selfClosing) {
				if (stack.length === 0) root = el;
			} else {
				stack.push(el);
				texts.push([]);
			}
			i = end + 1;
		}
	}
	if (stack.length > 0 || !root) fail(src.length);
	return root!;
}

/** The '>' that ends a start tag, skipping quoted attribute values. */
function findTagEnd(src: string, from: number): number {
	let quote: string | null = null;
	for (let j = from; j < src.length; j++) {
		const c = src[j];
		if (quote) {
			if (c === quote) quote = null;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '>') return j;
		else if (c === '<') return -1;
	}
	return -1;
}

/** The first child with this name, following the path (`child(el, 'Refs', 'AcctSvcrRef')`). */
export function child(el: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
	let at = el;
	for (const name of path) {
		at = at?.children.find((c) => c.name === name);
		if (!at) return undefined;
	}
	return at;
}

/** Every child with this name (one level). */
export function childrenNamed(el: XmlElement | undefined, name: string): XmlElement[] {
	return el ? el.children.filter((c) => c.name === name) : [];
}

/** The trimmed text at the path, or ''. */
export function textAt(el: XmlElement | undefined, ...path: string[]): string {
	return child(el, ...path)?.text.trim() ?? '';
}
