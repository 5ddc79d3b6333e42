/** Every common type and the rarer ones the general converter handles, with NULLs, extremes and repeated dates. */
export const manyTypesSql = `
  SELECT i::INTEGER AS int_col, (i - 3)::TINYINT AS tiny, i::UTINYINT AS utiny, i::USMALLINT AS usmall, i::UINTEGER AS uint,
    CASE WHEN i = 2 THEN 9007199254740993 ELSE i END::BIGINT AS big, (i * 1000000000000)::HUGEINT AS huge, 18446744073709551615::UBIGINT AS ubig,
    CASE i WHEN 1 THEN 'nan'::DOUBLE WHEN 2 THEN 'inf'::DOUBLE WHEN 3 THEN NULL ELSE i / 3 END AS dbl, (i / 7)::FLOAT AS flt,
    (i * 1.25)::DECIMAL(8, 2) AS dec_small, 123456789012345678.5::DECIMAL(20, 1) AS dec_big,
    DATE '2024-02-27' + (i % 3)::INTEGER AS day, CASE WHEN i = 4 THEN NULL ELSE TIMESTAMP '2024-01-01 10:00:00.123456' + INTERVAL (i) HOUR END AS ts,
    TIMESTAMPTZ '2024-01-01 10:00:00+00' AS tstz, TIME '12:34:56' AS tm, 'tëxt ' || i AS txt, i % 2 = 0 AS flag,
    [i, i + 1] AS list_col, {'a': i} AS struct_col, INTERVAL (i) DAY AS span, 'x'::BLOB AS bytes,
    'a5f2b2e0-7c1b-4f0a-9a3e-2b0b6c3c9d10'::UUID AS id, CASE WHEN i = 5 THEN NULL ELSE i END AS maybe
  FROM range(1, 6) t(i)`;
