import { defineFunctionAllowList } from '../function-allow-list.js';

/*
 * SQLite functions the guard accepts. Left off on purpose (test/guard/engine-function-lists.test.ts
 * classifies every name of pragma_function_list): extension loading, file and archive functions
 * (load_extension, readfile, writefile, fsdir, zipfile), SQL from a string (eval), engine internals
 * (sqlite_*, fts3_tokenizer, changes, last_insert_rowid) and test hooks (likelihood and friends are harmless
 * but unneeded).
 */
export const sqliteFunctionList = defineFunctionAllowList('SQLite 3 (sql.js 1.16)', {
  aggregate: `avg count group_concat max min sum total string_agg json_group_array json_group_object median mode
    variance stdev lower_quartile upper_quartile`,
  window: 'cume_dist dense_rank first_value lag last_value lead nth_value ntile percent_rank rank row_number',
  math: `abs acos acosh asin asinh atan atan2 atanh ceil ceiling cos cosh degrees exp floor ln log log10 log2 mod pi
    pow power radians random round sign sin sinh sqrt tan tanh trunc square cot coth atn2`,
  string: `char concat concat_ws format glob hex instr length like lower ltrim octet_length printf quote replace
    rtrim soundex substr substring trim unicode upper unhex unistr unistr_quote reverse padl padr padc proper leftstr
    rightstr charindex replicate difference strfilter`,
  'date-time': 'date datetime julianday strftime time unixepoch timediff current_date current_time current_timestamp',
  conversion: 'cast typeof zeroblob randomblob',
  conditional: 'coalesce exists iif if ifnull nullif likely unlikely likelihood',
  json: `json json_array json_array_length json_extract json_insert json_object json_patch json_quote json_remove
    json_replace json_set json_type json_valid jsonb jsonb_array jsonb_extract jsonb_insert jsonb_object
    jsonb_patch jsonb_remove jsonb_replace jsonb_set json_pretty json_error_position`,
});
