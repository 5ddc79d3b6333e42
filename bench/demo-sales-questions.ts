/**
 * Fifty questions over the demo sales (TICKIT) tables, with the SQL the fake model answers for each.
 * The SQL is portable between DuckDB and PostgreSQL so the same script serves both benchmarks; the
 * results come from the databases, never from here.
 */
export interface DemoQuestion {
  /** The question as a user asks it. */
  readonly question: string;
  /** Tables the SQL reads (the fake router's choice). */
  readonly tables: string[];
  /** The SQL the fake model writes. */
  readonly sql: string;
}

const categories = ['Musicals', 'Plays', 'Opera', 'Pop', 'MLB'];
const months = ['JAN', 'MAR', 'JUN', 'SEP', 'DEC'];
const states = ['NY', 'CA', 'TX', 'FL', 'IL'];
const limits = [3, 5, 10, 15, 20];

/** Ten question templates × five values each. */
export const demoSalesQuestions: DemoQuestion[] = [
  ...categories.map((name) => ({
    question: `How many tickets were sold for ${name} events?`,
    tables: ['sales', 'event', 'category'],
    sql: `SELECT SUM(s.qtysold) AS tickets FROM sales s JOIN event e ON e.eventid = s.eventid JOIN category c ON c.catid = e.catid WHERE c.catname = '${name}'`,
  })),
  ...categories.map((name) => ({
    question: `What was the total revenue from ${name} events?`,
    tables: ['sales', 'event', 'category'],
    sql: `SELECT SUM(s.pricepaid) AS revenue FROM sales s JOIN event e ON e.eventid = s.eventid JOIN category c ON c.catid = e.catid WHERE c.catname = '${name}'`,
  })),
  ...months.map((month) => ({
    question: `How much commission did TICKIT earn in ${month} 2008?`,
    tables: ['sales', 'date'],
    sql: `SELECT SUM(s.commission) AS commission FROM sales s JOIN date d ON d.dateid = s.dateid WHERE d.month = '${month}'`,
  })),
  ...months.map((month) => ({
    question: `How many sales were made in ${month}?`,
    tables: ['sales', 'date'],
    sql: `SELECT COUNT(*) AS sales_count FROM sales s JOIN date d ON d.dateid = s.dateid WHERE d.month = '${month}'`,
  })),
  ...states.map((state) => ({
    question: `How many venues are there in ${state}?`,
    tables: ['venue'],
    sql: `SELECT COUNT(*) AS venues FROM venue WHERE venuestate = '${state}'`,
  })),
  ...states.map((state) => ({
    question: `How many events took place in ${state}?`,
    tables: ['event', 'venue'],
    sql: `SELECT COUNT(*) AS events FROM event e JOIN venue v ON v.venueid = e.venueid WHERE v.venuestate = '${state}'`,
  })),
  ...states.map((state) => ({
    question: `How many buyers live in ${state}?`,
    tables: ['users'],
    sql: `SELECT COUNT(*) AS users FROM users WHERE state = '${state}'`,
  })),
  ...limits.map((limit) => ({
    question: `Which ${limit} events sold the most tickets?`,
    tables: ['sales', 'event'],
    sql: `SELECT e.eventname, SUM(s.qtysold) AS tickets FROM sales s JOIN event e ON e.eventid = s.eventid GROUP BY e.eventname ORDER BY tickets DESC, e.eventname LIMIT ${limit}`,
  })),
  ...limits.map((limit) => ({
    question: `Who are the top ${limit} sellers by revenue?`,
    tables: ['sales', 'users'],
    sql: `SELECT u.username, SUM(s.pricepaid) AS revenue FROM sales s JOIN users u ON u.userid = s.sellerid GROUP BY u.username ORDER BY revenue DESC, u.username LIMIT ${limit}`,
  })),
  ...limits.map((limit) => ({
    question: `What are the ${limit} biggest venues by seats?`,
    tables: ['venue'],
    sql: `SELECT venuename, venueseats FROM venue WHERE venueseats IS NOT NULL ORDER BY venueseats DESC, venuename LIMIT ${limit}`,
  })),
];
