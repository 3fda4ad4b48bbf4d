import type { ParamMatcher } from '@sveltejs/kit';
import { isId } from '$lib/domain/id';

/** `[id=id]`: a positive id in digits (anything else is a 404 before the route's code runs). */
export const match: ParamMatcher = (param) => isId(param);
