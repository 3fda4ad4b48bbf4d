import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	candidateKeys,
	decimalToMinor,
	parseBankCsv,
	parseCamt053,
	pickMatch,
	referenceKey,
	widerKeys
} from '../../src/lib/domain/bank-statement';
import { parseXml, XmlError } from '../../src/lib/domain/xml';
import { bankCsv, camt053 } from '../helpers/bank-files';

describe('decimalToMinor', () => {
	it.each([
		['1234.50', 123450],
		['1234,5', 123450],
		['0.01', 1],
		['15000', 1500000],
		[' 7.00 ', 700]
	])('%s -> %d', (s, n) => expect(decimalToMinor(s)).toBe(n));
	it.each(['', '-5', '1.234', '1 000', '1e3', '12.', 'abc', '99999999999999999'])(
		'refuses %j',
		(s) => expect(decimalToMinor(s)).toBeNull()
	);
	it('equals the exact decimal for any amount (no float)', () => {
		fc.assert(
			fc.property(fc.bigInt({ min: 0n, max: 9_000_000_000_000_00n }), (minor) => {
				const s = `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;
				expect(decimalToMinor(s)).toBe(Number(minor));
			})
		);
	});
});

describe('references', () => {
	it('compares without spaces, dashes, dots, slashes and case', () => {
		expect(referenceKey('rz - 2026/00.01_x')).toBe('RZ20260001X');
		expect(candidateKeys('Befizetés rz 2026 1', [7])).toContain('RZ20261');
	});
	it('finds a key inside the text at each known length', () => {
		const keys = candidateKeys('ab RZ-2026-0000101 cd', [15, 3]);
		expect(keys).toContain('ABRZ20260000101');
		expect(keys.every((k) => k.length === 15)).toBe(true); // 3 is below the minimum
	});
	it("takes the longest of one creditor's references; two claims are ambiguous", () => {
		const a = { id: 1, key: 'AB12345', creditorId: 1 };
		const ab = { id: 2, key: 'AB123456', creditorId: 1 };
		expect(pickMatch([a, ab])).toEqual({ kind: 'one', claim: ab });
		expect(pickMatch([a, { id: 3, key: 'AB12345', creditorId: 1 }])).toEqual({ kind: 'ambiguous' });
		expect(pickMatch([])).toEqual({ kind: 'none' });
	});
	it("a reference containing another creditor's does not take its transfer", () => {
		const theirs = { id: 1, key: 'DB20260000001', creditorId: 1 };
		const around = { id: 2, key: 'DB20260000001BEF', creditorId: 2 };
		expect(pickMatch([theirs, around])).toEqual({ kind: 'ambiguous' });
	});
	it("a reference that another creditor's contains is ambiguous when found alone", () => {
		const tail = { id: 2, key: '20260000003', creditorId: 2 };
		const wider = (k: string) => (k === '20260000003' ? [1] : []);
		expect(pickMatch([tail], wider)).toEqual({ kind: 'ambiguous' });
		// the creditor's own longer reference does not stand in the way
		expect(pickMatch([tail], (k) => (k === '20260000003' ? [2] : []))).toEqual({
			kind: 'one',
			claim: tail
		});
	});
	it('finds the creditors of longer keys containing a named key', () => {
		const found = widerKeys(new Set(['20260000003', 'XY12345']), [
			['DB20260000003', 1],
			['20260000003', 2],
			['20260000003PT', 3],
			['XY123456', 4],
			['XY1234', 5]
		]);
		expect(found).toEqual(
			new Map([
				['20260000003', new Set([1, 3])],
				['XY12345', new Set([4])]
			])
		);
	});
});

describe('camt.053', () => {
	it('reads credits, debits, references, remittance and payer', () => {
		const r = parseCamt053(
			camt053([
				{ ref: 'A1', amount: '1234.50', text: 'RZ 1 & <2>', debtor: 'Kovács Ödön' },
				{ ntryRef: 'N2', amount: '10', credit: false, currency: 'eur', structuredRef: 'RF18' }
			])
		);
		expect(r).toEqual({
			ok: true,
			format: 'camt053',
			account: 'HU42117730161111101800000000',
			entries: [
				{
					ref: 'A1',
					direction: 'credit',
					amountMinor: 123450,
					currency: 'HUF',
					bookingDate: '2026-03-02',
					remittance: 'RZ 1 & <2>',
					debtorName: 'Kovács Ödön',
					booked: true,
					reversal: false
				},
				{
					ref: 'N2',
					direction: 'debit',
					amountMinor: 1000,
					currency: 'EUR',
					bookingDate: '2026-03-02',
					remittance: 'RF18',
					debtorName: 'Teszt Elek',
					booked: true,
					reversal: false
				}
			]
		});
	});
	it('splits a batch booking into its transactions', () => {
		const xml = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><Stmt>
			<Ntry><Amt Ccy="HUF">300</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
			<BookgDt><DtTm>2026-03-02T10:00:00</DtTm></BookgDt><AcctSvcrRef>B</AcctSvcrRef>
			<NtryDtls>
				<TxDtls><AmtDtls><TxAmt><Amt Ccy="HUF">100</Amt></TxAmt></AmtDtls><RmtInf><Ustrd>one</Ustrd></RmtInf></TxDtls>
				<TxDtls><Refs><AcctSvcrRef>B-2</AcctSvcrRef></Refs><Amt Ccy="HUF">200</Amt><RltdPties><Dbtr><Nm>X</Nm></Dbtr></RltdPties></TxDtls>
			</NtryDtls></Ntry></Stmt></BkToCstmrStmt></Document>`;
		const r = parseCamt053(xml);
		expect(
			r.ok && r.entries.map((e) => [e.ref, e.amountMinor, e.remittance, e.debtorName])
		).toEqual([
			['B/1', 10000, 'one', ''],
			['B-2', 20000, '', 'X']
		]);
	});
	it('never reads a DTD (no XXE, no entity expansion) and refuses unknown entities', () => {
		expect(() =>
			parseXml('<!DOCTYPE a [<!ENTITY e SYSTEM "file:///etc/passwd">]><a>&e;</a>')
		).toThrow(XmlError);
		expect(() => parseXml('<a>&e;</a>')).toThrow(XmlError);
		expect(parseXml('<a x="1&amp;2">&#x41;&#66;<![CDATA[<c>]]></a>')).toEqual({
			name: 'a',
			attrs: { x: '1&2' },
			children: [],
			text: 'AB<c>'
		});
		expect(parseCamt053('<a><b></a>')).toEqual({ ok: false, key: 'bank.err.xmlSyntax' });
		expect(parseCamt053('<Document><Other/></Document>')).toEqual({
			ok: false,
			key: 'bank.err.notCamt'
		});
	});
});

describe('the XML reader on hostile start tags', () => {
	// a quadratic reader took 26 s on 100 000 characters and jammed the worker: these finish in
	// one pass each (the test's own time limit is the bound)
	const run = 'a'.repeat(400_000);
	it('refuses a start tag that is one long attribute name, in one pass', () => {
		expect(() => parseXml(`<Document x${run}></Document>`)).toThrow(XmlError);
		expect(() => parseXml(`<Document x="1" ${run}="2" ${run}></Document>`)).toThrow(XmlError);
	});
	it('still reads attributes in any quoting, with white space around the sign', () => {
		expect(parseXml(`<a x = "1" y='2'\n z="${run}"/>`).attrs).toEqual({ x: '1', y: '2', z: run });
		expect(() => parseXml('<a x="1"y="2"/>')).toThrow(XmlError);
	});
});

describe('camt.053 robustness', () => {
	it('any text is read or refused with a reason, never a crash', () => {
		const xmlish = fc.stringMatching(/^[<>/a-zA-Z ="&;#!?[\]-]{0,80}$/);
		fc.assert(
			fc.property(fc.oneof(xmlish, fc.string({ maxLength: 80 })), (s) => {
				const r = parseCamt053(s);
				expect(typeof r.ok).toBe('boolean');
			}),
			{ numRuns: 2000 }
		);
	});
	it('a reversal (RvslInd) is marked, a pending entry is not booked', () => {
		const xml = camt053([{ ref: 'R1', amount: '10' }])
			.replace('<CdtDbtInd>CRDT</CdtDbtInd>', '<CdtDbtInd>CRDT</CdtDbtInd><RvslInd>true</RvslInd>')
			.replace('<Cd>BOOK</Cd>', '<Cd>PDNG</Cd>');
		const r = parseCamt053(xml);
		expect(r.ok && r.entries[0]).toMatchObject({ reversal: true, booked: false });
	});
});

describe('bank CSV', () => {
	it('reads the documented columns, with either separator', () => {
		const csv = bankCsv([{ ref: 'C1', amount: '99.90', text: 'a;b', credit: false }]);
		const r = parseBankCsv(csv);
		expect(r.ok && r.entries[0]).toMatchObject({
			ref: 'C1',
			direction: 'debit',
			amountMinor: 9990,
			remittance: 'a;b'
		});
		const comma = parseBankCsv(
			'booking_date,direction,amount,currency,remittance\n2026-03-01,J,5,HUF,x\n'
		);
		expect(comma.ok && comma.entries[0]).toMatchObject({ direction: 'credit', amountMinor: 500 });
		expect(
			parseBankCsv(
				'booking_date;direction;amount;currency;remittance\n2026-03-01;CRDT;1.5.0;HUF;x\n'
			)
		).toEqual({
			ok: false,
			key: 'bank.err.entry',
			at: 2
		});
	});
});
