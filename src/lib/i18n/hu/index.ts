/** Every Hungarian text (the source language). */
import base from './base';
import staff from './staff';
// made into a sentence on the server (portal.ts holdSentence): debtors' phones never download them
import portalHold from './portal-hold';
// the debtor portal's second-round pages (threads, sign-in, hardship, own details): loaded only there
import portalMore from './portal-more';

export default { ...base, ...staff, ...portalHold, ...portalMore };
