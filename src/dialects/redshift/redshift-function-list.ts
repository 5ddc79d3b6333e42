import { extendFunctionAllowList } from '../function-allow-list.js';
import { postgresFunctionList } from '../postgres/postgres-function-list.js';

/*
 * Redshift keeps PostgreSQL 8's function names and adds its own (no engine runs here to enumerate). Its
 * leader-node-only functions (generate_series and most set-returning functions) fail on user tables, so
 * they are left off, as are the JSON-B and newer PostgreSQL names Redshift lacks.
 */
export const redshiftFunctionList = extendFunctionAllowList(
  postgresFunctionList,
  'Amazon Redshift (function reference, 2026)',
  {
    aggregate: `listagg median approximate percentile_cont percentile_disc`,
    'date-time': `add_months convert_timezone date_add date_cmp date_part_year dateadd datediff getdate last_day
      months_between next_day sysdate timeofday trunc`,
    string: `charindex len strtol textlen nvl2 bpcharcmp btrim crc32 func_sha1 sha1 sha2 soundex difference`,
    conditional: 'decode nvl nvl2 greatest least coalesce nullif',
    json: `is_valid_json is_valid_json_array json_array_length json_extract_array_element_text
      json_extract_path_text json_parse json_serialize json_typeof can_json_parse`,
    window: 'ratio_to_report',
  },
  `jsonb_agg jsonb_object_agg jsonb_set jsonb_set_lax jsonb_insert jsonb_pretty jsonb_path_exists jsonb_path_match
    jsonb_path_query_array jsonb_path_query_first jsonb_path_exists_tz jsonb_path_match_tz jsonb_path_query_array_tz
    jsonb_path_query_first_tz generate_series generate_subscripts unnest string_to_table regexp_split_to_table
    regexp_matches`,
  {},
);
