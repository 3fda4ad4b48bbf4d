/** The probe's fuzz values: odd query strings, path ids and form bodies. */

const HUGE = 'x'.repeat(200_000);
export const PROTO = [
	'constructor',
	'__proto__',
	'toString',
	'hasOwnProperty',
	'valueOf',
	'prototype'
];
const VALUES = [
	'',
	...PROTO,
	'x'.repeat(5_000),
	'árvíztűrő 🙂 \u202e\u0000',
	'-1',
	'0',
	'0x10',
	'1e3',
	'1.5',
	'1,5',
	'99999999999999999999',
	'NaN',
	'Infinity',
	"' OR 1=1 --",
	'<script>x</script>',
	'../../etc/passwd',
	'%',
	'2026-02-30'
];
export const BAD_IDS = [
	'0',
	'-1',
	'1e3',
	'0x10',
	'99999999999999999999',
	'999999',
	'ü',
	'%00',
	'1.5'
];

export function queries(keys: string[], full: boolean): string[] {
	const out: string[] = [''];
	const values = full ? VALUES : ['', 'constructor', '__proto__', '-1', '0x10', 'x'.repeat(5_000)];
	for (const k of keys)
		for (const v of values) out.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
	for (const k of keys) out.push(`${k}=1&${k}=2&${k}=constructor`, `${k}`, `${k}[]=1`);
	for (const p of PROTO) out.push(`${p}=1`);
	out.push('%E0%A4%A=1', 'page=-1&sort=__proto__&dir=constructor');
	return out;
}

interface Body {
	what: string;
	body: BodyInit | undefined;
	headers: Record<string, string>;
}

const urlenc = (what: string, s: string): Body => ({
	what,
	body: s,
	headers: { 'content-type': 'application/x-www-form-urlencoded' }
});

export function bodies(fields: string[]): Body[] {
	const out: Body[] = [
		urlenc('empty', ''),
		{ what: 'no body', body: undefined, headers: {} },
		urlenc('broken percent', 'a=%E0%A4%A&b=%'),
		{
			what: 'malformed multipart',
			body: '--zz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--zz',
			headers: { 'content-type': 'multipart/form-data; boundary=zz' }
		},
		{
			what: 'multipart without boundary',
			body: 'garbage',
			headers: { 'content-type': 'multipart/form-data' }
		},
		{
			what: 'json',
			body: JSON.stringify(Object.fromEntries(fields.map((f) => [f, { $gt: 1 }]))),
			headers: { 'content-type': 'application/json' }
		},
		{ what: 'text/plain', body: 'a=b', headers: { 'content-type': 'text/plain' } },
		urlenc('huge', fields.map((f) => `${f}=${HUGE}`).join('&') || `x=${HUGE}`)
	];
	for (const v of VALUES)
		out.push(
			urlenc(
				`all=${v.slice(0, 20)}`,
				fields.map((f) => `${encodeURIComponent(f)}=${encodeURIComponent(v)}`).join('&')
			)
		);
	for (const f of fields) {
		out.push(urlenc(`${f} repeated`, `${f}=1&${f}=constructor&${f}=`));
		out.push(urlenc(`only ${f}=__proto__`, `${f}=__proto__`));
		const fd = new FormData();
		fd.append(f, new Blob(['%PDF-1.4 not really'], { type: 'application/pdf' }), 'x.pdf');
		out.push({ what: `${f} as a file`, body: fd, headers: {} });
	}
	for (const p of PROTO) out.push(urlenc(`key ${p}`, `${p}=1&${p}[x]=2`));
	return out;
}
