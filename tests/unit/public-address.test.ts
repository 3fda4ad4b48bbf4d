import { describe, expect, it } from 'vitest';
import {
	clientNetwork,
	isPublicAddress,
	isPublicHost,
	parseIPv6
} from '$lib/domain/public-address';
import { webhookUrlProblem } from '$lib/domain/webhooks';

/** Webhook addresses the server must never send to, in the forms a probe tried and more. */
const REFUSED_URLS = [
	// loopback, however written (the URL parser turns decimal, octal and hex IPv4 into dotted form)
	'https://127.0.0.1/',
	'https://127.1.2.3/',
	'https://127.0.0.1./',
	'https://2130706433/',
	'https://0x7f000001/',
	'https://0x7f.1/',
	'https://017700000001/',
	'https://[::1]/',
	'https://[0:0:0:0:0:0:0:1]/',
	'https://[::ffff:127.0.0.1]:4599/hook',
	'https://[::ffff:7f00:1]/',
	'https://[0:0:0:0:0:ffff:7f00:1]/',
	'https://[::127.0.0.1]/',
	'https://[64:ff9b::127.0.0.1]/',
	'https://[2002:7f00:1::]/',
	// unspecified
	'https://0.0.0.0/',
	'https://0/',
	'https://[::]:4521/',
	// cloud metadata and link-local
	'https://169.254.169.254/latest/meta-data/',
	'https://[::ffff:a9fe:a9fe]/latest/meta-data/',
	'https://[::ffff:169.254.169.254]/',
	'https://[64:ff9b::a9fe:a9fe]/',
	'https://[fe80::1]/',
	'https://[febf::1]/',
	// private and shared
	'https://10.1.2.3/',
	'https://100.64.0.1/',
	'https://100.127.255.254/',
	'https://172.16.0.1/',
	'https://172.31.255.255/',
	'https://192.168.0.1/',
	'https://[::ffff:192.168.1.1]/',
	'https://[::ffff:10.0.0.1]/',
	'https://[fc00::1]/',
	'https://[fd12:3456::1]/',
	// special purpose, documentation, benchmarking
	'https://192.0.0.8/',
	'https://192.0.2.1/',
	'https://198.18.0.1/',
	'https://198.19.255.1/',
	'https://198.51.100.7/',
	'https://203.0.113.9/',
	'https://[2001:db8::1]/',
	'https://[2001::1]/',
	// multicast, reserved, broadcast
	'https://224.0.0.1/',
	'https://239.255.255.250/',
	'https://240.0.0.1/',
	'https://255.255.255.255/',
	'https://[ff02::1]/',
	'https://[::ffff:0.0.0.0]/',
	// names that only mean this machine or a local network
	'https://localhost/x',
	'https://localhost./x',
	'https://LOCALHOST/x',
	'https://api.localhost/',
	'https://printer.local/',
	'https://db.internal/',
	'https://intranet/',
	'https://intranet./'
];

const ACCEPTED_URLS = [
	'https://erp.example.com/hook',
	'https://erp.example.com./hook',
	'https://hooks.bank.hu:8443/rendez',
	'https://93.184.216.34/',
	'https://8.8.8.8/',
	'https://100.63.255.255/',
	'https://100.128.0.1/',
	'https://172.15.255.255/',
	'https://172.32.0.1/',
	'https://169.253.1.1/',
	'https://198.20.0.1/',
	'https://223.255.255.255/',
	'https://[2606:4700::1111]/',
	'https://[::ffff:8.8.8.8]/',
	'https://[64:ff9b::808:808]/',
	'https://[2002:808:808::1]/'
];

describe('a webhook address must be public', () => {
	it.each(REFUSED_URLS)('refuses %s', (url) => {
		expect(webhookUrlProblem(url, false)).toBe('webhooks.url.local');
	});
	it.each(ACCEPTED_URLS)('accepts %s', (url) => {
		expect(webhookUrlProblem(url, false)).toBeNull();
	});
	it('lets local addresses through only when the setting allows it', () => {
		expect(webhookUrlProblem('https://[::ffff:127.0.0.1]:4599/hook', true)).toBeNull();
		expect(webhookUrlProblem('http://localhost:9/h', true)).toBeNull();
	});
});

describe('resolved addresses', () => {
	const table: [string, boolean][] = [
		['127.0.0.1', false],
		['0.0.0.0', false],
		['10.0.0.1', false],
		['100.64.0.1', false],
		['169.254.169.254', false],
		['172.16.5.4', false],
		['192.168.1.1', false],
		['224.0.0.251', false],
		['255.255.255.255', false],
		['::', false],
		['::1', false],
		['::ffff:127.0.0.1', false],
		['::ffff:7f00:1', false],
		['::ffff:169.254.169.254', false],
		['64:ff9b::10.0.0.1', false],
		['fe80::1%eth0', false],
		['fd00::1', false],
		['ff02::fb', false],
		['2001:db8::5', false],
		['[::1]', false],
		['not an address', false],
		['1.2.3', false],
		['1:2:3:4:5:6:7:8:9', false],
		['1::2::3', false],
		['93.184.216.34', true],
		['8.8.4.4', true],
		['::ffff:93.184.216.34', true],
		['2a00:1450:4001:80b::200e', true],
		['[2606:4700:4700::1111]', true]
	];
	it.each(table)('%s is public: %s', (ip, pub) => {
		expect(isPublicAddress(ip)).toBe(pub);
	});
	it('reads every IPv6 form into the same groups', () => {
		const mapped = [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1];
		for (const s of [
			'::ffff:127.0.0.1',
			'::FFFF:7F00:1',
			'0:0:0:0:0:ffff:7f00:0001',
			'::ffff:7f00:1%lo'
		])
			expect(parseIPv6(s)).toEqual(mapped);
		expect(parseIPv6('::')).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
		expect(parseIPv6('1:2:3:4:5:6:7::')).toEqual([1, 2, 3, 4, 5, 6, 7, 0]);
		expect(parseIPv6(':1')).toBeNull();
		expect(parseIPv6('12345::')).toBeNull();
	});
	it('judges names by their form only', () => {
		expect(isPublicHost('erp.example.com')).toBe(true);
		expect(isPublicHost('erp')).toBe(false);
		expect(isPublicHost('a.home.arpa')).toBe(false);
	});
});

describe('the network a client counts as, for sign-in and link limits', () => {
	it('is an IPv4 address itself, also IPv4-mapped; an IPv6 address counts as its /64', () => {
		expect(clientNetwork('192.0.2.7')).toBe('192.0.2.7');
		expect(clientNetwork('::ffff:192.0.2.7')).toBe('192.0.2.7');
		expect(clientNetwork('::ffff:c000:207')).toBe('192.0.2.7');
		// every address of one subscriber's /64 is one client, however it is written
		const net = clientNetwork('2001:db8:1:2::1');
		expect(net).toBe('2001:db8:1:2::/64');
		expect(clientNetwork('2001:0db8:0001:0002:ffff:1234:5678:9abc')).toBe(net);
		expect(clientNetwork('[2001:DB8:1:2:a::b]')).toBe(net);
		expect(clientNetwork('2001:db8:1:3::1')).not.toBe(net);
		// anything unreadable is counted as it came
		expect(clientNetwork('unknown')).toBe('unknown');
	});
});
