export const STATS_PLACEHOLDER = true;
