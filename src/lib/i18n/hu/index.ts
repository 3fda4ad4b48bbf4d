/** Every Hungarian text (the source language). */
import base from './base';
import staff from './staff';
// made into a sentence on the server (portal.ts holdSentence): debtors' phones never download them
import portalHold from './portal-hold';
// the debtor portal's second-round pages (threads, sign-in, hardship, own details): loaded only there
import portalMore from './portal-more';
// the public pages' texts (landing, genuine, sign-in by reference): loaded only there
import publicTexts from './public';

export default { ...base, ...staff, ...portalHold, ...portalMore, ...publicTexts };
