import { defineFunctionAllowList } from '../function-allow-list.js';

/*
 * Snowflake functions the guard accepts, from Snowflake's function reference (no engine runs here to
 * enumerate, so the list is kept to common analytical built-ins). Left off on purpose: stage and file
 * functions, SYSTEM$ procedures, RESULT_SCAN and query history, GET_DDL, session and account
 * information, external functions, and table functions other than FLATTEN, SPLIT_TO_TABLE and GENERATOR.
 */
export const snowflakeFunctionList = defineFunctionAllowList(
  'Snowflake (function reference, 2026)',
  {
    aggregate: `any_value approx_count_distinct approx_percentile approx_top_k array_agg array_union_agg
      array_unique_agg avg bitand_agg bitor_agg bitxor_agg booland_agg boolor_agg boolxor_agg corr count count_if
      covar_pop covar_samp hll kurtosis listagg max max_by median min min_by mode object_agg percentile_cont
      percentile_disc regr_avgx regr_avgy regr_count regr_intercept regr_r2 regr_slope regr_sxx regr_sxy regr_syy
      skew stddev stddev_pop stddev_samp sum var_pop var_samp variance variance_pop variance_samp`,
    window: `conditional_change_event conditional_true_event cume_dist dense_rank first_value lag last_value lead
      nth_value ntile percent_rank rank ratio_to_report row_number`,
    math: `abs acos acosh asin asinh atan atan2 atanh cbrt ceil cos cosh cot degrees div0 div0null exp factorial
      floor ln log mod pi pow power radians round sign sin sinh sqrt square tan tanh trunc truncate width_bucket
      uniform random normal`,
    string: `ascii base64_decode_string base64_encode bit_length char chr charindex collate collation compress
      concat concat_ws contains decompress_string editdistance endswith hex_decode_string hex_encode ilike
      initcap insert jarowinkler_similarity left len length lower lpad ltrim octet_length parse_url position
      repeat replace reverse right rpad rtrim soundex space split split_part startswith strtok strtok_to_array
      substr substring translate trim unicode upper uuid_string`,
    regex: `regexp regexp_count regexp_instr regexp_like regexp_replace regexp_substr regexp_substr_all rlike`,
    'date-time': `add_months convert_timezone current_date current_time current_timestamp date_from_parts date_part
      date_trunc dateadd datediff day dayname dayofmonth dayofweek dayofweekiso dayofyear extract hour last_day
      localtime localtimestamp minute month monthname months_between next_day previous_day quarter second
      sysdate systimestamp time_from_parts time_slice timeadd timediff timestamp_from_parts
      timestamp_ltz_from_parts timestamp_ntz_from_parts timestamp_tz_from_parts timestampadd timestampdiff
      to_date to_time to_timestamp to_timestamp_ltz to_timestamp_ntz to_timestamp_tz trunc week weekiso
      weekofyear year yearofweek yearofweekiso date getdate`,
    conversion: `cast to_char to_varchar to_number to_numeric to_decimal to_double to_boolean to_binary to_array
      to_object to_variant to_json try_cast try_to_number try_to_decimal try_to_double try_to_boolean
      try_to_date try_to_time try_to_timestamp try_to_timestamp_ltz try_to_timestamp_ntz try_to_timestamp_tz
      try_to_binary try_base64_decode_string try_hex_decode_string hex_decode_binary`,
    conditional: `coalesce exists decode equal_null greatest greatest_ignore_nulls iff ifnull least least_ignore_nulls
      nullif nullifzero nvl nvl2 zeroifnull is_null_value booland boolor boolnot boolxor`,
    json: `check_json parse_json try_parse_json json_extract_path_text get get_path object_construct
      object_construct_keep_null object_delete object_insert object_keys object_pick strip_null_value typeof
      is_array is_object is_integer is_decimal is_double is_boolean is_char is_varchar is_date is_timestamp_ntz`,
    array: `array_append array_cat array_compact array_construct array_construct_compact array_contains
      array_distinct array_except array_flatten array_generate_range array_insert array_intersection array_max
      array_min array_position array_prepend array_remove array_remove_at array_reverse array_size array_slice
      array_sort array_to_string arrays_overlap arrays_to_object`,
    bitwise: 'bitand bitnot bitor bitshiftleft bitshiftright bitxor',
    hash: 'hash md5 md5_hex md5_binary sha1 sha1_hex sha2 sha2_hex',
    uuid: 'uuid_string',
    // `* EXCLUDE (…)` reaches the grammar as a call; the column policy judges the star it modifies.
    syntax: 'exclude',
  },
  {
    array: 'flatten split_to_table generator',
  },
);
