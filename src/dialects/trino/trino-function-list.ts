import { athenaFunctionList } from '../athena/athena-function-list.js';
import { extendFunctionAllowList } from '../function-allow-list.js';

/*
 * Trino's functions are Athena engine 3's (Athena runs Trino) plus what Trino ships and Athena does
 * not document: URL parsing, statistical distribution functions, vector similarity and the zone parts
 * of a timestamp (no engine runs here to enumerate). Left off on purpose, as for Athena: query
 * pass-through table functions, session and catalog information, and table functions that take a
 * table or a relation's name as an argument (exclude_columns, table_changes).
 */
export const trinoFunctionList = extendFunctionAllowList(
  athenaFunctionList,
  'Trino 4xx (function reference)',
  {
    aggregate: 'reduce_agg numeric_histogram',
    math: `beta_cdf inverse_beta_cdf normal_cdf inverse_normal_cdf wilson_interval_lower wilson_interval_upper
      cosine_similarity`,
    string: `url_decode url_encode url_extract_fragment url_extract_host url_extract_parameter url_extract_path
      url_extract_port url_extract_protocol url_extract_query`,
    'date-time': 'timezone_hour timezone_minute from_unixtime_nanos from_iso8601_timestamp_nanos',
  },
  '',
);
