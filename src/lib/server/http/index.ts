/**
 * The route layer's toolkit (CONTRIBUTING.md, "Errors"): read a form body (`readForm`), parse it
 * with the form's zod schema (`parseForm`), call a service, turn its error into the answer
 * (`failFrom`); ids from the path (`idParam`, `[id=id]` folders) and from forms (`parseId`).
 */
export * from './types';
export * from './form';
export * from './params';
export * from './errors';
export * from './validate';
export * from './action';
