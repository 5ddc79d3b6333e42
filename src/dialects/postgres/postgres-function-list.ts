import { defineFunctionAllowList } from '../function-allow-list.js';

/*
 * PostgreSQL functions the guard accepts (built-ins of pg_catalog only). Left off on purpose
 * (test/guard/engine-function-lists.test.ts classifies every other name in pg_proc): anything that runs
 * SQL given as a string (ts_rewrite, ts_stat, query_to_xml, cursor_to_xml, *_to_xml), takes a relation,
 * function or role by name or oid (pg_*, has_*_privilege, to_reg*, table_to_xml), reads files or large
 * objects, reaches other servers (dblink), changes state (set_config, nextval, setval), sleeps or locks
 * (pg_sleep, pg_advisory_*), discloses the server or session (version, current_setting, inet_*), type
 * input/output and operator implementation functions, and index or planner support functions.
 */
export const postgresFunctionList = defineFunctionAllowList(
  'PostgreSQL 15',
  {
    aggregate: `array_agg avg bit_and bit_or bit_xor bool_and bool_or count every json_agg json_object_agg jsonb_agg
      jsonb_object_agg max min range_agg range_intersect_agg string_agg sum corr covar_pop covar_samp regr_avgx
      regr_avgy regr_count regr_intercept regr_r2 regr_slope regr_sxx regr_sxy regr_syy stddev stddev_pop
      stddev_samp variance var_pop var_samp mode percentile_cont percentile_disc xmlagg`,
    window: `row_number rank dense_rank percent_rank cume_dist ntile lag lead first_value last_value nth_value`,
    math: `abs cbrt ceil ceiling degrees div exp factorial floor gcd lcm ln log log10 min_scale mod pi pow power
      radians random round scale sign sqrt trim_scale trunc width_bucket acos acosd asin asind atan atan2 atan2d
      atand cos cosd cot cotd sin sind tan tand sinh cosh tanh asinh acosh atanh`,
    string: `ascii bit_length btrim char_length character_length chr concat concat_ws format initcap left length
      lower lpad ltrim md5 normalize is_normalized octet_length overlay position quote_literal quote_nullable
      quote_ident repeat replace reverse right rpad rtrim split_part starts_with strpos substr substring to_ascii
      translate upper unistr string_to_array string_to_table array_to_string`,
    regex: `regexp_count regexp_instr regexp_like regexp_match regexp_matches regexp_replace regexp_split_to_array
      regexp_split_to_table regexp_substr similar_escape similar_to_escape`,
    'date-time': `age clock_timestamp date_bin date_part date_trunc extract isfinite justify_days justify_hours
      justify_interval localtime localtimestamp make_date make_interval make_time make_timestamp
      make_timestamptz now statement_timestamp timeofday transaction_timestamp timezone to_timestamp date`,
    conversion: `to_char to_date to_number to_hex encode decode convert_from convert_to get_bit get_byte
      set_bit set_byte bit_count`,
    conditional: `coalesce nullif greatest least num_nulls num_nonnulls`,
    json: `to_json to_jsonb array_to_json row_to_json json_build_array jsonb_build_array json_build_object
      jsonb_build_object json_object jsonb_object json_array_length jsonb_array_length json_extract_path
      jsonb_extract_path json_extract_path_text jsonb_extract_path_text json_typeof jsonb_typeof
      json_strip_nulls jsonb_strip_nulls jsonb_set jsonb_set_lax jsonb_insert jsonb_pretty jsonb_path_exists
      jsonb_path_match jsonb_path_query_array jsonb_path_query_first jsonb_path_exists_tz jsonb_path_match_tz
      jsonb_path_query_array_tz jsonb_path_query_first_tz jsonb_concat jsonb_contains jsonb_exists
      jsonb_exists_any jsonb_exists_all json_object_keys jsonb_object_keys json_array_elements
      jsonb_array_elements json_array_elements_text jsonb_array_elements_text json_each jsonb_each json_each_text
      jsonb_each_text`,
    array: `array_append array_cat array_dims array_fill array_length array_lower array_ndims array_position
      array_positions array_prepend array_remove array_replace array_upper cardinality trim_array unnest
      generate_series generate_subscripts`,
    hash: 'sha224 sha256 sha384 sha512',
    uuid: 'gen_random_uuid',
    'text-search': `to_tsvector to_tsquery plainto_tsquery phraseto_tsquery websearch_to_tsquery ts_rank
      ts_rank_cd ts_headline setweight strip numnode querytree tsvector_to_array array_to_tsvector
      ts_delete ts_filter length`,
    network: `abbrev broadcast family host hostmask masklen netmask network set_masklen inet_merge
      inet_same_family`,
    range: `lower_inc upper_inc lower_inf upper_inf isempty range_merge multirange int4range int8range numrange
      tsrange tstzrange daterange`,
  },
  {
    array: 'generate_series generate_subscripts unnest',
    regex: 'regexp_matches regexp_split_to_table',
    string: 'string_to_table',
    json: `json_array_elements jsonb_array_elements json_array_elements_text jsonb_array_elements_text json_each
      jsonb_each json_each_text jsonb_each_text json_object_keys jsonb_object_keys jsonb_path_query
      jsonb_path_query_tz`,
  },
);
