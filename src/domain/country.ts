/** Bulgaria's administrative division (NSI): what any list of municipalities or oblasts can hold at most. */
export const MUNICIPALITIES_IN_BULGARIA = 265;
export const OBLASTS_IN_BULGARIA = 28;
