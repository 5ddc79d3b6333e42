import fs from 'node:fs/promises';
import path from 'node:path';
import { runStatements, scaledCount, withDuckDb, type DemoGenerationContext, type DemoSourceGenerator } from './demo-generator-support.js';
import { weightedStates } from './demo-word-lists.js';
import { expandWeighted, sqlString, type SeededSqlRandom } from './seeded-sql-random.js';

/** Claims filed per year at full size; 2020 dips as driving fell during the pandemic. */
const claimsPerYear: readonly (readonly [year: number, claims: number])[] = [
  [2019, 4812], [2020, 4536], [2021, 4958], [2022, 5087], [2023, 5000], [2024, 5143], [2025, 5210],
];

/** Policy line: share of claims, insured asset categories, and incident types with weights. */
const policyLines: readonly (readonly [line: string, weight: number, assets: readonly string[], incidents: readonly (readonly [string, number])[]])[] = [
  ['Auto', 55, ['Sedan', 'SUV', 'Pickup Truck', 'Minivan', 'Coupe', 'Motorcycle'],
    [['Collision', 50], ['Glass', 15], ['Theft', 10], ['Liability', 10], ['Vandalism', 8], ['Hail', 7]]],
  ['Homeowners', 30, ['Single-Family Home', 'Townhouse', 'Condominium', 'Mobile Home'],
    [['Water Damage', 30], ['Wind', 20], ['Theft', 15], ['Fire', 10], ['Hail', 10], ['Liability', 10], ['Mold', 5]]],
  ['Renters', 8, ['Apartment', 'Condominium', 'Townhouse'], [['Theft', 50], ['Water Damage', 25], ['Liability', 15], ['Fire', 10]]],
  ['Commercial Property', 7, ['Retail Store', 'Office Building', 'Warehouse', 'Restaurant'],
    [['Water Damage', 25], ['Fire', 20], ['Wind', 20], ['Liability', 20], ['Theft', 15]]],
];

/** Median claim amount in dollars per incident type. */
const medianAmount: Readonly<Record<string, number>> = {
  Collision: 6500, Glass: 650, Theft: 3500, Liability: 12000, Vandalism: 1800, Hail: 4200,
  'Water Damage': 9000, Wind: 11000, Fire: 38000, Mold: 7000,
};

// Adjusters are a fixed team who handle many claims each: current Customer Service staff of the hr source.
const adjusterCount = 36;
const customerServiceDepartment = 'd008';

function perLineCase(random: SeededSqlRandom, salt: string, choose: (line: (typeof policyLines)[number]) => string[]): string {
  const branches = policyLines.map((line) => `WHEN ${sqlString(line[0])} THEN ${random.pick(choose(line), salt, 'i')}`);
  return `CASE policy_type ${branches.join(' ')} END`;
}

function buildStatements({ random, scale }: DemoGenerationContext): string[] {
  const yearCounts = claimsPerYear.map(([year, claims]) => [year, scaledCount(claims, scale, 100)] as const);
  const total = yearCounts.reduce((sum, [, claims]) => sum + claims, 0);
  // Claim i belongs to the year whose cumulative range contains it.
  let start = 0;
  const yearOfClaim = yearCounts.map(([year, claims]) => {
    const branch = `WHEN i < ${start + claims} THEN ${year}`;
    start += claims;
    return branch;
  }).join(' ');
  const lineIndexes = expandWeighted(policyLines.map((line) => [line[0], line[1]] as const));
  const amountMedians = `CASE incident_type ${Object.entries(medianAmount).map(([type, amount]) => `WHEN ${sqlString(type)} THEN ${amount}`).join(' ')} END`;
  return [
    // The team: current members of the department, in an order fixed by the seed; hr is attached as `hr`.
    `CREATE TEMP TABLE adjusters AS
     SELECT row_number() OVER (ORDER BY hash(emp_no, ${sqlString(`adjuster:${random.seed}`)}), emp_no) AS slot, emp_no
     FROM hr.dept_emp WHERE dept_no = ${sqlString(customerServiceDepartment)} AND to_date = DATE '9999-01-01'
     QUALIFY slot <= ${adjusterCount}`,
    `CREATE TEMP TABLE claim_draws AS
     SELECT *, ${perLineCase(random, 'incident', (line) => expandWeighted(line[3]))} AS incident_type,
       ${perLineCase(random, 'asset', (line) => [...line[2]])} AS asset_category
     FROM (SELECT i, CASE ${yearOfClaim} END AS claim_year, ${random.pick(lineIndexes, 'line', 'i')} AS policy_type,
             ${random.pick(expandWeighted(weightedStates), 'state', 'i')} AS customer_state,
             ${random.integer('day', ['i'], 0, 364)} * 86400 + ${random.integer('second', ['i'], 7 * 3600, 20 * 3600)} AS filed_second,
             floor(30 * pow(${random.unit('report-delay', 'i')}, 2))::INTEGER AS report_delay_days,
             ${random.normal('amount', 'i')} AS amount_noise,
             1 + (floor(${Math.round(total * 0.8)} * pow(${random.unit('policy', 'i')}, 1.3))::BIGINT * 7919) % ${Math.round(total * 0.8)} AS policy_number
           FROM range(${total}) r(i))`,
    // Thefts, fires and unusually large claims are the likelier frauds (about 3% overall).
    `CREATE TEMP TABLE claims_all AS
     SELECT *,
       CASE WHEN fraud = 1 THEN CASE WHEN status_draw < 0.55 THEN 'Denied' WHEN status_draw < 0.85 THEN 'Under Investigation' ELSE 'Paid' END
            WHEN write_time >= TIMESTAMP '2025-10-01' AND status_draw < 0.55 THEN 'Open'
            WHEN status_draw < 0.88 THEN 'Paid' WHEN status_draw < 0.97 THEN 'Denied' ELSE 'Withdrawn' END AS status
     FROM (SELECT i, claim_year, policy_type, asset_category, customer_state, incident_type,
             make_timestamp(claim_year, 1, 1, 0, 0, 0) + to_seconds(filed_second) AS write_time,
             (make_timestamp(claim_year, 1, 1, 0, 0, 0) + to_seconds(filed_second))::DATE - report_delay_days AS incident_date,
             least(2000000, greatest(100, ${amountMedians} * CASE WHEN policy_type = 'Commercial Property' THEN 3 ELSE 1 END * exp(0.8 * amount_noise)))::DECIMAL(12,2) AS claim_amount,
             CASE WHEN ${random.unit('fraud', 'i')} < 0.024 * CASE incident_type WHEN 'Theft' THEN 2.2 WHEN 'Fire' THEN 2.0 ELSE 1.0 END
                  * CASE WHEN amount_noise > 1.0 THEN 1.8 ELSE 1.0 END THEN 1 ELSE 0 END AS fraud,
             1 + floor(${random.unit('adjuster', 'i')} * (SELECT count(*) FROM adjusters))::BIGINT AS adjuster_slot,
             ${random.unit('status', 'i')} AS status_draw,
             'POL-' || lpad((1000000 + policy_number)::VARCHAR, 7, '0') AS policy_id
           FROM claim_draws)`,
    `CREATE TEMP TABLE claims AS
     SELECT 'CLM-' || claim_year::VARCHAR || '-' || lpad(row_number() OVER (PARTITION BY claim_year ORDER BY write_time, i)::VARCHAR, 6, '0') AS claim_id,
       policy_id, policy_type, asset_category, customer_state, incident_type, incident_date, claim_amount, fraud::INTEGER AS fraud,
       status, a.emp_no AS adjuster_emp_no, write_time, claim_year
     FROM claims_all JOIN adjusters a ON a.slot = adjuster_slot`,
  ];
}

/**
 * Insurance claims as Hive-partitioned Parquet files (`legal/claims/year=YYYY/part-0.parquet`), like an
 * S3 data lake. Each claim's adjuster is an employee of the hr source (`adjuster_emp_no` → hr
 * `employees.emp_no`), so hr must be generated first: its file is read to pick the team.
 */
export const legalDemoGenerator: DemoSourceGenerator = {
  sourceName: 'legal',
  async generate(demoDirectory: string, context: DemoGenerationContext): Promise<Record<string, number>> {
    const claimsDirectory = path.join(demoDirectory, 'legal', 'claims');
    return withDuckDb(':memory:', async (connection) => {
      await connection.run(`ATTACH ${sqlString(path.join(demoDirectory, 'hr.duckdb'))} AS hr (READ_ONLY)`);
      await runStatements(connection, buildStatements(context));
      await connection.run('DETACH hr');
      for (const [year] of claimsPerYear) {
        const yearDirectory = path.join(claimsDirectory, `year=${year}`);
        await fs.mkdir(yearDirectory, { recursive: true });
        const target = sqlString(path.join(yearDirectory, 'part-0.parquet'));
        // The year lives in the folder name (Hive partitioning), not in the file, as Athena expects.
        await connection.run(`COPY (SELECT * EXCLUDE (claim_year) FROM claims WHERE claim_year = ${year} ORDER BY claim_id)
          TO ${target} (FORMAT parquet, COMPRESSION zstd)`);
      }
      const reader = await connection.runAndReadAll('SELECT count(*) FROM claims');
      return { claims: Number(reader.getRows()[0]?.[0] ?? 0) };
    });
  },
};
