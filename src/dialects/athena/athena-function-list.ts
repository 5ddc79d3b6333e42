import { defineFunctionAllowList } from '../function-allow-list.js';

/*
 * Athena (Trino engine) functions the guard accepts, from Trino's function reference (no engine runs
 * here to enumerate). Left off on purpose: query pass-through table functions (query, raw_query),
 * session and catalog information (current_user, current_groups, current_catalog, current_schema),
 * sequence of table functions other than UNNEST, and machine-learning / lambda invocation functions.
 */
export const athenaFunctionList = defineFunctionAllowList(
  'Athena engine 3 (Trino function reference)',
  {
    aggregate: `any_value approx_distinct approx_most_frequent approx_percentile approx_set arbitrary array_agg avg
      bitwise_and_agg bitwise_or_agg bitwise_xor_agg bool_and bool_or checksum corr count count_if covar_pop
      covar_samp every geometric_mean histogram kurtosis listagg map_agg map_union max max_by min min_by
      multimap_agg regr_intercept regr_slope skewness stddev stddev_pop stddev_samp sum var_pop var_samp
      variance`,
    window: 'cume_dist dense_rank first_value lag last_value lead nth_value ntile percent_rank rank row_number',
    math: `abs acos asin atan atan2 cbrt ceil ceiling cos cosh degrees e exp floor ln log log10 log2 mod pi pow
      power radians rand random round sign sin sinh sqrt tan tanh truncate width_bucket infinity nan is_finite
      is_infinite is_nan`,
    string: `chr codepoint concat concat_ws format hamming_distance length levenshtein_distance lower lpad ltrim
      luhn_check normalize position replace reverse rpad rtrim soundex split split_part split_to_map
      split_to_multimap starts_with strpos substr substring to_utf8 from_utf8 translate trim upper
      word_stem`,
    regex: 'regexp_count regexp_extract regexp_extract_all regexp_like regexp_position regexp_replace regexp_split',
    'date-time': `at_timezone current_date current_time current_timestamp current_timezone date date_add date_diff
      date_format date_parse date_trunc day day_of_month day_of_week day_of_year dow doy extract format_datetime
      from_iso8601_date from_iso8601_timestamp from_unixtime hour human_readable_seconds last_day_of_month
      localtime localtimestamp millisecond minute month now parse_datetime parse_duration quarter second
      to_iso8601 to_milliseconds to_unixtime week week_of_year with_timezone year year_of_week yow`,
    conversion: `cast try_cast try typeof format_number to_base from_base to_hex from_hex to_base64 from_base64
      to_base64url from_base64url`,
    conditional: 'coalesce exists greatest if least nullif',
    json: `json_array_contains json_array_get json_array_length json_extract json_extract_scalar json_format
      json_parse json_query json_size json_value json_exists json_object json_array is_json_scalar`,
    array: `all_match any_match array_distinct array_except array_intersect array_join array_max array_min
      array_position array_remove array_sort array_union arrays_overlap cardinality concat contains
      element_at filter flatten none_match reduce repeat reverse sequence shuffle slice transform trim_array
      zip zip_with combinations ngrams`,
    'map-struct': `map map_concat map_entries map_filter map_from_entries map_keys map_values map_zip_with
      multimap_from_entries transform_keys transform_values row`,
    bitwise: 'bit_count bitwise_and bitwise_not bitwise_or bitwise_xor bitwise_left_shift bitwise_right_shift',
    hash: 'crc32 md5 sha1 sha256 sha512 xxhash64 murmur3',
    uuid: 'uuid',
  },
  {
    array: 'unnest sequence',
  },
);
