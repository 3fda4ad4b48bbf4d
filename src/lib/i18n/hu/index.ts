/** Every Hungarian text (the source language). */
import base from './base';
import staff from './staff';

export default { ...base, ...staff };
