import { defineFunctionAllowList } from '../function-allow-list.js';

/*
 * MySQL and MariaDB functions the guard accepts. Left off on purpose (test/guard/engine-function-lists.test.ts
 * classifies every name of MariaDB's information_schema.SQL_FUNCTIONS): files (LOAD_FILE), locks and
 * waits (GET_LOCK, SLEEP, BENCHMARK, MASTER_POS_WAIT), session and server information (DATABASE, USER,
 * VERSION, CONNECTION_ID, LAST_INSERT_ID, ROW_COUNT, FOUND_ROWS), encryption and password functions,
 * dynamic-column and XML update functions, and replication internals.
 */
export const mysqlFunctionList = defineFunctionAllowList('MariaDB 10.11 and MySQL 8', {
  aggregate: `avg bit_and bit_or bit_xor count group_concat json_arrayagg json_objectagg max min std stddev
    stddev_pop stddev_samp sum variance var_pop var_samp median`,
  window: `cume_dist dense_rank first_value lag last_value lead nth_value ntile percent_rank rank row_number
    percentile_cont percentile_disc`,
  math: `abs acos asin atan atan2 ceil ceiling conv cos cot crc32 crc32c degrees div exp floor ln log log10 log2 mod
    oct pi pow power radians rand round sign sin sqrt tan truncate`,
  string: `ascii bin bit_length char char_length character_length chr concat concat_ws elt export_set field
    find_in_set format insert instr lcase left length lengthb locate lower lpad ltrim make_set mid octet_length
    ord position quote repeat replace reverse right rpad rtrim sformat soundex space strcmp substr substring
    substring_index trim ucase upper natural_sort_key weight_string`,
  regex: 'regexp_instr regexp_replace regexp_substr regexp_like',
  'date-time': `adddate addtime add_months convert_tz curdate current_date current_time current_timestamp curtime
    date date_add date_format date_sub datediff day dayname dayofmonth dayofweek dayofyear extract from_days
    from_unixtime hour last_day localtime localtimestamp makedate maketime microsecond minute month monthname
    now period_add period_diff quarter sec_to_time second str_to_date subdate subtime sysdate time time_format
    time_to_sec timediff timestamp timestampadd timestampdiff to_days to_seconds unix_timestamp utc_date
    utc_time utc_timestamp week weekday weekofyear year yearweek to_char`,
  conversion: `cast convert hex unhex from_base64 to_base64 bit_count inet_aton inet_ntoa inet6_aton inet6_ntoa
    is_ipv4 is_ipv4_compat is_ipv4_mapped is_ipv6 binary`,
  conditional: 'coalesce exists greatest if ifnull isnull least nullif nvl nvl2 decode_oracle interval',
  json: `json_array json_array_append json_array_insert json_compact json_contains json_contains_path json_depth
    json_detailed json_equals json_exists json_extract json_insert json_keys json_length json_loose json_merge
    json_merge_patch json_merge_preserve json_normalize json_object json_overlaps json_pretty json_query
    json_quote json_remove json_replace json_search json_set json_type json_unquote json_valid json_value`,
  hash: 'md5 sha sha1 sha2',
  uuid: 'uuid uuid_short sys_guid',
});
