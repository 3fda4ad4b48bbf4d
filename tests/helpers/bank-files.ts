/** Bank statements built in the tests: camt.053 XML and the CSV form, from a list of entries (no server imports: e2e specs use it too). */
export interface TestEntry {
	/** the bank's reference (AcctSvcrRef); omitted: none given */
	ref?: string;
	credit?: boolean;
	/** as the bank writes it: "15000.00" */
	amount: string;
	currency?: string;
	date?: string;
	text?: string;
	/** a structured creditor reference instead of (or beside) the text */
	structuredRef?: string;
	debtor?: string;
	/** NtryRef instead of AcctSvcrRef */
	ntryRef?: string;
	/** camt only: the entry's status (default BOOK; PDNG: pending, not yet money on the account) */
	status?: 'BOOK' | 'PDNG';
	/** camt only: RvslInd, the bank reversing an earlier entry */
	reversal?: boolean;
}

const esc = (s: string) =>
	s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A camt.053.001.08 statement of the collection account. */
export function camt053(entries: TestEntry[], iban = 'HU42117730161111101800000000'): string {
	const ntry = entries
		.map(
			(e) => `
		<Ntry>
			${e.ntryRef ? `<NtryRef>${esc(e.ntryRef)}</NtryRef>` : ''}
			<Amt Ccy="${e.currency ?? 'HUF'}">${e.amount}</Amt>
			<CdtDbtInd>${e.credit === false ? 'DBIT' : 'CRDT'}</CdtDbtInd>
			${e.reversal ? '<RvslInd>true</RvslInd>' : ''}
			<Sts><Cd>${e.status ?? 'BOOK'}</Cd></Sts>
			<BookgDt><Dt>${e.date ?? '2026-03-02'}</Dt></BookgDt>
			<ValDt><Dt>${e.date ?? '2026-03-02'}</Dt></ValDt>
			${e.ref ? `<AcctSvcrRef>${esc(e.ref)}</AcctSvcrRef>` : ''}
			<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>
			<NtryDtls><TxDtls>
				<Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
				<RltdPties><Dbtr><Pty><Nm>${esc(e.debtor ?? 'Teszt Elek')}</Nm></Pty></Dbtr></RltdPties>
				<RmtInf>${e.text !== undefined ? `<Ustrd>${esc(e.text)}</Ustrd>` : ''}${
					e.structuredRef
						? `<Strd><CdtrRefInf><Ref>${esc(e.structuredRef)}</Ref></CdtrRefInf></Strd>`
						: ''
				}</RmtInf>
			</TxDtls></NtryDtls>
		</Ntry>`
		)
		.join('');
	return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
	<BkToCstmrStmt>
		<GrpHdr><MsgId>STMT-1</MsgId><CreDtTm>2026-03-02T18:00:00</CreDtTm></GrpHdr>
		<Stmt>
			<Id>STMT-1-1</Id>
			<Acct><Id><IBAN>${iban}</IBAN></Id><Ccy>HUF</Ccy></Acct>
			<!-- balances left out: the import reads the entries -->${ntry}
		</Stmt>
	</BkToCstmrStmt>
</Document>
`;
}

/** The CSV form, ';' separated, as documented on /ops/bank. */
export function bankCsv(entries: TestEntry[]): string {
	const q = (s: string) => (/[;"\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
	return (
		'entry_ref;booking_date;direction;amount;currency;remittance;debtor_name\r\n' +
		entries
			.map((e) =>
				[
					e.ref ?? '',
					e.date ?? '2026-03-02',
					e.credit === false ? 'DBIT' : 'CRDT',
					e.amount,
					e.currency ?? 'HUF',
					e.text ?? '',
					e.debtor ?? 'Teszt Elek'
				]
					.map(q)
					.join(';')
			)
			.join('\r\n') +
		'\r\n'
	);
}

export const bytes = (s: string) => new TextEncoder().encode(s);
