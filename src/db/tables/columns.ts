export const datePrecisions = ['DAY', 'MONTH', 'QUARTER', 'YEAR'] as const;
export type DatePrecision = (typeof datePrecisions)[number];
