/**
 * FINAL over the index one partition (day) at a time: a moment's versions share its day, and
 * a day merged into one part then needs no merging at read. Given per subquery, so it never
 * applies to another table's FINAL.
 */
export const INDEX_FINAL = 'SETTINGS do_not_merge_across_partitions_select_final = 1';
