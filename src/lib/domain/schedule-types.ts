export type Frequency = 'weekly' | 'biweekly' | 'monthly';
export const FREQUENCIES: readonly Frequency[] = ['weekly', 'biweekly', 'monthly'];
