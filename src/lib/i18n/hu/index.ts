/** Every Hungarian text (the source language). */
import base from './base';
import staff from './staff';
// made into a sentence on the server (portal.ts holdSentence): debtors' phones never download them
import portalHold from './portal-hold';
// the claim page's list of messages, written on the server (message-views.ts claimMessages)
import portalMessages from './portal-messages';
import portalSettlement from './portal-settlement';

export default { ...base, ...staff, ...portalHold, ...portalMessages, ...portalSettlement };
