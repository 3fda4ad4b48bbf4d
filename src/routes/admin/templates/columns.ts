/** The heads of the template tables (the list, a template's history); the version is a number. */
import { t } from '$lib/i18n/t';

type Column = 'template' | 'channel' | 'lang' | 'version' | 'changed' | 'versionAt' | 'by';

/** the columns' heads, then an empty head over the links */
export const templateColumns = (columns: readonly Column[]) => [
	...columns.map((c) => ({ label: t(`admin.templates.col.${c}`), num: c === 'version' })),
	''
];
