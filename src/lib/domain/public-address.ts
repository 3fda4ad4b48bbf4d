/**
 * Whether a host or an IP address is on the public internet, for outgoing requests a user names
 * (creditors' webhooks): the server must not be a way into the agency's network, its cloud
 * metadata service or the machine itself. Pure: a host name is judged by its form here; what it
 * resolves to is judged at send time, address by address, with `isPublicAddress`.
 *
 * Addresses are read in every form they arrive in: dotted IPv4 (the WHATWG URL parser has
 * already turned decimal, octal and hex forms such as `2130706433` or `0x7f.1` into it), IPv6
 * compressed or not, bracketed or not, with an IPv4 tail (`::ffff:127.0.0.1`) or in hex
 * (`::ffff:7f00:1`), with a zone (`fe80::1%eth0`).
 */

/** The four bytes of a dotted-decimal IPv4 address, or null. */
export function parseIPv4(s: string): number[] | null {
	const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
	if (!m) return null;
	const b = m.slice(1).map(Number);
	return b.every((x) => x <= 255) ? b : null;
}

/** The eight 16-bit groups of an IPv6 address (without brackets; a zone is ignored), or null. */
export function parseIPv6(s: string): number[] | null {
	let str = s.toLowerCase();
	const zone = str.indexOf('%');
	if (zone >= 0) str = str.slice(0, zone);
	const lastColon = str.lastIndexOf(':');
	if (lastColon < 0) return null;
	const last = str.slice(lastColon + 1);
	if (last.includes('.')) {
		const v4 = parseIPv4(last);
		if (!v4) return null;
		const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
		str = `${str.slice(0, lastColon + 1)}${hex(v4[0], v4[1])}:${hex(v4[2], v4[3])}`;
	}
	const halves = str.split('::');
	if (halves.length > 2) return null;
	const groupsOf = (h: string) => (h === '' ? [] : h.split(':'));
	const head = groupsOf(halves[0]);
	const tail = halves.length === 2 ? groupsOf(halves[1]) : [];
	const given = [...head, ...tail];
	if (!given.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
	if (halves.length === 1 ? given.length !== 8 : given.length > 7) return null;
	const all =
		halves.length === 2 ? [...head, ...Array<string>(8 - given.length).fill('0'), ...tail] : head;
	return all.map((g) => parseInt(g, 16));
}

/**
 * The network a client's address stands for when counting its attempts: an IPv4 address itself
 * (also when it comes IPv4-mapped, `::ffff:192.0.2.1`), and for IPv6 its /64, since one
 * subscriber is handed a whole /64 and could otherwise try from a new address each time.
 */
export function clientNetwork(ip: string): string {
	const s = ip.trim().replace(/^\[|\]$/g, '');
	if (parseIPv4(s)) return s;
	const g = parseIPv6(s);
	if (!g) return s;
	const hex = (n: number) => n.toString(16);
	if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff)
		return [g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255].join('.');
	return `${g.slice(0, 4).map(hex).join(':')}::/64`;
}

/** Not on the public internet (RFC 6890 and its updates); 224/4 and above is multicast or reserved. */
const V4_NOT_PUBLIC = [
	'0.0.0.0/8',
	'10.0.0.0/8',
	'100.64.0.0/10',
	'127.0.0.0/8',
	'169.254.0.0/16',
	'172.16.0.0/12',
	'192.0.0.0/24',
	'192.0.2.0/24',
	'192.88.99.0/24',
	'192.168.0.0/16',
	'198.18.0.0/15',
	'198.51.100.0/24',
	'203.0.113.0/24',
	'224.0.0.0/4',
	'240.0.0.0/4'
].map((c) => {
	const [ip, len] = c.split('/');
	return { net: v4Number(parseIPv4(ip)!), len: Number(len) };
});

function v4Number(b: number[]): number {
	return ((b[0] << 24) | (b[1] << 16) | (b[2] << 8) | b[3]) >>> 0;
}

function isPublicV4(b: number[]): boolean {
	const n = v4Number(b);
	return !V4_NOT_PUBLIC.some(({ net, len }) => n >>> (32 - len) === net >>> (32 - len));
}

/** Whether the first `len` bits of two IPv6 addresses (as groups) are the same. */
function inV6(g: number[], net: number[], len: number): boolean {
	for (let i = 0; i < 8 && len > 0; i++, len -= 16) {
		const bits = Math.min(16, len);
		if (g[i] >> (16 - bits) !== net[i] >> (16 - bits)) return false;
	}
	return true;
}

const v6 = (s: string) => parseIPv6(s)!;
const MAPPED = v6('::ffff:0:0'); // ::ffff:0:0/96, IPv4-mapped
const NAT64 = v6('64:ff9b::'); // 64:ff9b::/96, NAT64 with the IPv4 address in the last 32 bits
const SIX_TO_FOUR = v6('2002::'); // 2002::/16, the IPv4 address in bits 16..48
const GLOBAL_UNICAST = v6('2000::'); // 2000::/3: everything else (::, ::1, ::/96, fc00::/7, fe80::/10, ff00::/8, 100::/64, 64:ff9b:1::/48) lies outside
const V6_NOT_PUBLIC: [number[], number][] = [
	[v6('2001::'), 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID
	[v6('2001:db8::'), 32], // documentation
	[v6('3fff::'), 20] // documentation (RFC 9637)
];

function isPublicV6(g: number[]): boolean {
	const v4 = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
	if (inV6(g, MAPPED, 96) || inV6(g, NAT64, 96)) return isPublicV4(v4(g[6], g[7]));
	if (inV6(g, SIX_TO_FOUR, 16)) return isPublicV4(v4(g[1], g[2]));
	if (!inV6(g, GLOBAL_UNICAST, 3)) return false;
	return !V6_NOT_PUBLIC.some(([net, len]) => inV6(g, net, len));
}

/** Whether an IP address (either family, bracketed or not) is public; anything unreadable is not. */
export function isPublicAddress(ip: string): boolean {
	const s = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
	const b = parseIPv4(s);
	if (b) return isPublicV4(b);
	const g = parseIPv6(s);
	return g ? isPublicV6(g) : false;
}

/** Names that only ever mean this machine or a local network. */
const LOCAL_NAME = /(^|\.)(localhost|local|localdomain|internal|home\.arpa)$/;

/**
 * Whether a URL's host (`URL.hostname`: lower case, IPv4 in dotted form, IPv6 bracketed) may be
 * on the public internet: an IP address that is public, or a name with a dot outside the local
 * names. A name's addresses are checked when it is resolved.
 */
export function isPublicHost(hostname: string): boolean {
	const h = hostname.toLowerCase().replace(/\.+$/, '');
	if (h.startsWith('[') || parseIPv4(h) || parseIPv6(h)) return isPublicAddress(h);
	return h.includes('.') && !LOCAL_NAME.test(h);
}
