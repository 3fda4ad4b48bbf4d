/** Every English text; typed against the Hungarian source so a missing key fails type checking. */
import type { Messages } from '../core';
import base from './base';
import staff from './staff';

const en: Messages = { ...base, ...staff };
export default en;
