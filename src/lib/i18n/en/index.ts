/** Every English text; typed against the Hungarian source so a missing key fails type checking. */
import type { Messages } from '../core';
import base from './base';
import staff from './staff';
// made into a sentence on the server (portal-stage.ts holdSentence): debtors' phones never
// download them
import portalHold from './portal-hold';
// the claim page's list of messages, written on the server (messages-of-claim.ts claimMessages)
import portalMessages from './portal-messages';
import portalSettlement from './portal-settlement';
// printed on letters by the server (server/letters.ts)
import lettersPdf from './letters-pdf';
// the pay page's bank-transfer panel, written into the page's data by the server
import payTransfer from './pay-transfer';
// the debtor portal's second-round pages (threads, sign-in, hardship, own details): loaded only there
import portalMore from './portal-more';
// the public pages' texts (landing, genuine, sign-in by reference): loaded only there
import publicTexts from './public';

const en: Messages = {
	...base,
	...staff,
	...portalHold,
	...portalMessages,
	...portalSettlement,
	...lettersPdf,
	...payTransfer,
	...portalMore,
	...publicTexts
};
export default en;
