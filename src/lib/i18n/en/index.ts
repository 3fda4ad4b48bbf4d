/** Every English text; typed against the Hungarian source so a missing key fails type checking. */
import type { Messages } from '../core';
import base from './base';
import staff from './staff';
// made into a sentence on the server (portal.ts holdSentence): debtors' phones never download them
import portalHold from './portal-hold';
// printed on letters by the server (server/letters.ts)
import lettersPdf from './letters-pdf';

const en: Messages = { ...base, ...staff, ...portalHold, ...lettersPdf };
export default en;
