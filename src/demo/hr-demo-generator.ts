import path from 'node:path';
import { countRows, runStatements, scaledCount, withDuckDb, type DemoGenerationContext, type DemoSourceGenerator } from './demo-generator-support.js';
import { femaleFirstNames, lastNames, maleFirstNames } from './demo-word-lists.js';
import { expandWeighted, sqlString } from './seeded-sql-random.js';

/** The nine departments of the MySQL `employees` sample: share of staff, engineering titles, pay level. */
const departments: readonly (readonly [deptNo: string, name: string, weight: number, engineering: boolean, payFactor: number])[] = [
  ['d001', 'Marketing', 6, false, 1.12], ['d002', 'Finance', 5, false, 1.1], ['d003', 'Human Resources', 5, false, 0.92],
  ['d004', 'Production', 22, true, 0.98], ['d005', 'Development', 26, true, 1.0], ['d006', 'Quality Management', 6, true, 0.95],
  ['d007', 'Sales', 16, false, 1.25], ['d008', 'Customer Service', 6, false, 0.9], ['d009', 'Research', 7, false, 1.02],
];
const fullEmployees = 30_000;
// As in test_db, history stops at this date; rows still valid carry the open-ended to_date 9999-01-01.
const cutoff = `DATE '2002-08-01'`;
const openEnded = `DATE '9999-01-01'`;

function buildStatements({ random, scale }: DemoGenerationContext): string[] {
  const employees = scaledCount(fullEmployees, scale, 1_000);
  const departmentIndexes = expandWeighted(departments.map((department, index) => [String(index + 1), department[2]] as const));
  const deptNo = (indexExpression: string) => `'d00' || (${indexExpression})::VARCHAR`;
  const isEngineering = (column: string) =>
    `${column} IN (${departments.filter((department) => department[3]).map((department) => sqlString(department[0])).join(', ')})`;
  const juniorTitle = `CASE WHEN ${isEngineering('dept_no')} THEN CASE WHEN ${random.chance('assistant', ['emp_no'], 0.15)} THEN 'Assistant Engineer' ELSE 'Engineer' END ELSE 'Staff' END`;
  const seniorTitle = `CASE WHEN ${isEngineering('dept_no')} THEN CASE WHEN ${random.chance('leader', ['emp_no'], 0.08)} THEN 'Technique Leader' ELSE 'Senior Engineer' END ELSE 'Senior Staff' END`;
  return [
    `CREATE TABLE departments (dept_no CHAR(4) PRIMARY KEY, dept_name VARCHAR(40) NOT NULL UNIQUE)`,
    `INSERT INTO departments VALUES ${departments.map(([code, name]) => `(${sqlString(code)}, ${sqlString(name)})`).join(', ')}`,
    `CREATE TEMP TABLE employee_source AS
     SELECT *,
       CASE WHEN ${random.chance('leaves', ['emp_no'], 0.12)} AND hire_date < ${cutoff} - 365
            THEN hire_date + (365 + floor(${random.unit('leave-date', 'emp_no')} * (${cutoff} - hire_date - 365)))::INTEGER END AS leave_date
     FROM (SELECT 10000 + i AS emp_no,
             DATE '1952-02-01' + ${random.integer('birth', ['i'], 0, 4749)}::INTEGER AS birth_date,
             DATE '1985-01-01' + floor(5505 * pow(${random.unit('hire', 'i')}, 1.4))::INTEGER AS hire_date,
             CASE WHEN ${random.chance('gender', ['i'], 0.6)} THEN 'M' ELSE 'F' END AS gender,
             ${deptNo(random.pick(departmentIndexes, 'department', 'i'))} AS dept_no
           FROM range(1, ${employees + 1}) r(i))`,
    `CREATE TEMP TABLE employee_history AS
     SELECT *, CASE WHEN transfer_date IS NOT NULL THEN
         CASE WHEN drawn_dept = dept_no THEN ${deptNo('(right(dept_no, 1)::INTEGER % 9) + 1')} ELSE drawn_dept END END AS transfer_dept
     FROM (SELECT *, coalesce(leave_date, ${cutoff}) AS history_end,
             CASE WHEN ${random.chance('transfer', ['emp_no'], 0.1)} AND coalesce(leave_date, ${cutoff}) - hire_date > 730
                  THEN hire_date + (365 + floor(${random.unit('transfer-date', 'emp_no')} * (coalesce(leave_date, ${cutoff}) - hire_date - 730)))::INTEGER END AS transfer_date,
             ${deptNo(random.pick(departmentIndexes, 'transfer-dept', 'emp_no'))} AS drawn_dept,
             hire_date + ${random.integer('promotion', ['emp_no'], 4 * 365, 9 * 365)}::INTEGER AS promotion_date
           FROM employee_source)`,
    `CREATE TABLE employees (emp_no INTEGER PRIMARY KEY, birth_date DATE NOT NULL, first_name VARCHAR(14) NOT NULL,
       last_name VARCHAR(16) NOT NULL, gender CHAR(1) NOT NULL CHECK (gender IN ('M', 'F')), hire_date DATE NOT NULL)`,
    `INSERT INTO employees
     SELECT emp_no, birth_date,
       CASE gender WHEN 'M' THEN ${random.pick(maleFirstNames, 'first', 'emp_no')} ELSE ${random.pick(femaleFirstNames, 'first', 'emp_no')} END,
       ${random.pick(lastNames, 'last', 'emp_no')}, gender, hire_date
     FROM employee_source ORDER BY emp_no`,
    `CREATE TABLE dept_emp (emp_no INTEGER NOT NULL, dept_no CHAR(4) NOT NULL, from_date DATE NOT NULL, to_date DATE NOT NULL,
       PRIMARY KEY (emp_no, dept_no))`,
    `INSERT INTO dept_emp
     SELECT emp_no, dept_no, hire_date, coalesce(transfer_date, leave_date, ${openEnded}) FROM employee_history
     UNION ALL
     SELECT emp_no, transfer_dept, transfer_date, coalesce(leave_date, ${openEnded}) FROM employee_history WHERE transfer_date IS NOT NULL
     ORDER BY 1, 3`,
    // Managers come from staff hired in the first half of 1985 who stay in their department; the j-th
    // candidate takes the j-th slot, so nobody manages twice and every slot starts after the manager's hire.
    `CREATE TEMP TABLE manager_source AS
     SELECT s.dept_no, c.emp_no, greatest(s.slot_start, c.hire_date) AS from_date, s.slot
     FROM (SELECT dept_no, slot,
             DATE '1985-01-01' + (slot * (6300 // slots) + CASE WHEN slot > 0 THEN ${random.integer('slot-jitter', ['dept_no', 'slot'], -200, 200)} ELSE 0 END)::INTEGER AS slot_start
           FROM (SELECT dept_no, ${random.integer('slots', ['dept_no'], 2, 4)} AS slots FROM departments) d,
             LATERAL (SELECT unnest(range(d.slots)) AS slot)) s
       JOIN (SELECT emp_no, dept_no, hire_date,
               row_number() OVER (PARTITION BY dept_no ORDER BY hash(emp_no, ${sqlString(`manager:${random.seed}`)}), emp_no) - 1 AS candidate
             FROM employee_history
             WHERE leave_date IS NULL AND transfer_date IS NULL AND hire_date <= DATE '1985-06-30' AND promotion_date > DATE '1987-01-01') c
         ON c.dept_no = s.dept_no AND c.candidate = s.slot`,
    `CREATE TABLE dept_manager (emp_no INTEGER NOT NULL, dept_no CHAR(4) NOT NULL, from_date DATE NOT NULL, to_date DATE NOT NULL,
       PRIMARY KEY (emp_no, dept_no))`,
    `INSERT INTO dept_manager
     SELECT emp_no, dept_no, from_date, coalesce(lead(from_date) OVER (PARTITION BY dept_no ORDER BY slot), ${openEnded})
     FROM manager_source ORDER BY dept_no, from_date`,
    `CREATE TABLE titles (emp_no INTEGER NOT NULL, title VARCHAR(50) NOT NULL, from_date DATE NOT NULL, to_date DATE,
       PRIMARY KEY (emp_no, title, from_date))`,
    `INSERT INTO titles
     WITH staff AS (
       SELECT h.*, m.from_date AS manager_from, m.to_date AS manager_to, ${juniorTitle} AS junior_title, ${seniorTitle} AS senior_title
       FROM employee_history h LEFT JOIN (SELECT emp_no, from_date, to_date FROM dept_manager) m USING (emp_no))
     SELECT emp_no, junior_title, hire_date, CASE WHEN promotion_date < history_end THEN promotion_date ELSE coalesce(leave_date, ${openEnded}) END
       FROM staff WHERE manager_from IS NULL
     UNION ALL
     SELECT emp_no, senior_title, promotion_date, coalesce(leave_date, ${openEnded})
       FROM staff WHERE manager_from IS NULL AND promotion_date < history_end
     UNION ALL
     SELECT emp_no, junior_title, hire_date, manager_from FROM staff WHERE manager_from > hire_date
     UNION ALL
     SELECT emp_no, 'Manager', manager_from, manager_to FROM staff WHERE manager_from IS NOT NULL
     UNION ALL
     SELECT emp_no, senior_title, manager_to, ${openEnded} FROM staff WHERE manager_to < ${openEnded}
     ORDER BY 1, 3`,
    // One salary row per year of service; raises are whole basis points summed exactly, then applied once.
    `CREATE TABLE salaries (emp_no INTEGER NOT NULL, salary INTEGER NOT NULL, from_date DATE NOT NULL, to_date DATE NOT NULL,
       PRIMARY KEY (emp_no, from_date))`,
    `INSERT INTO salaries
     SELECT emp_no,
       round((40000 + 32000 * pow(${random.unit('start-salary', 'emp_no')}, 1.8)) * pay_factor
         * exp(sum(raise_basis_points) OVER (PARTITION BY emp_no ORDER BY year_index) / 10000.0))::INTEGER,
       from_date,
       CASE WHEN next_date < history_end THEN next_date WHEN leave_date IS NOT NULL THEN leave_date ELSE ${openEnded} END
     FROM (SELECT h.emp_no, h.leave_date, h.history_end, y.year_index,
             CASE h.dept_no ${departments.map(([code, , , , factor]) => `WHEN ${sqlString(code)} THEN ${factor}`).join(' ')} END AS pay_factor,
             (h.hire_date + to_years(y.year_index::INTEGER))::DATE AS from_date,
             (h.hire_date + to_years(y.year_index::INTEGER + 1))::DATE AS next_date,
             CASE WHEN y.year_index = 0 THEN 0 ELSE ${random.integer('raise', ['h.emp_no', 'y.year_index'], 0, 600)} END AS raise_basis_points
           FROM employee_history h,
             LATERAL (SELECT unnest(range(ceil(datediff('month', h.hire_date, h.history_end) / 12.0)::BIGINT)) AS year_index) y)
     WHERE from_date < history_end
     ORDER BY emp_no, from_date`,
  ];
}

/** The MySQL `employees` sample shape (datacharmer test_db) in `hr.duckdb`. */
export const hrDemoGenerator: DemoSourceGenerator = {
  sourceName: 'hr',
  async generate(demoDirectory: string, context: DemoGenerationContext): Promise<Record<string, number>> {
    return withDuckDb(path.join(demoDirectory, 'hr.duckdb'), async (connection) => {
      await runStatements(connection, buildStatements(context));
      return countRows(connection, ['employees', 'departments', 'dept_emp', 'dept_manager', 'titles', 'salaries']);
    });
  },
};
