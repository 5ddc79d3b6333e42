import { securityCase, type SecurityCase } from '../helpers/security-case.js';

/**
 * Class 5 on PostgreSQL: functions an administrator created in the source's schema (see the target):
 * a SECURITY DEFINER function deleting rows through dblink_exec, one writing a file with COPY … TO,
 * one taking a session advisory lock, and definer functions returning hidden rows and PII.
 */
export function postgresUserFunctionCases(): SecurityCase[] {
  const shop = (name: string, sql: string) => securityCase(5, 'postgres', name, 'shop', sql);
  return [
    shop('definer-delete', 'SELECT refresh_order_stats(5) AS refreshed'),
    shop('definer-delete-from', 'SELECT * FROM refresh_order_stats(5)'),
    shop('definer-delete-qualified', 'SELECT public.refresh_order_stats(5) AS refreshed'),
    shop('definer-delete-per-row', 'SELECT name FROM customers WHERE refresh_order_stats(customer_id) > 0'),
    shop('definer-copy-to-file', 'SELECT export_contact_list() AS exported'),
    shop('advisory-lock-function', 'SELECT reserve_order_slot(4260) AS slot'),
    shop('definer-hidden-rows', 'SELECT staff_digest() AS digest'),
    shop('definer-pii', 'SELECT customer_contact(1) AS contact'),
    shop('definer-pii-per-row', 'SELECT name, customer_contact(customer_id) AS contact FROM customers'),
  ];
}

/** Class 5 on MariaDB: stored functions taking a user lock, writing a table, returning hidden rows and PII. */
export function mariaDbUserFunctionCases(): SecurityCase[] {
  const hrm = (name: string, sql: string) => securityCase(5, 'mariadb', name, 'hrm', sql);
  return [
    hrm('function-get-lock', 'SELECT employee_rank(3) AS r'),
    hrm('function-get-lock-per-row', 'SELECT first_name, employee_rank(emp_no) AS r FROM employees'),
    hrm('function-writes-table', 'SELECT archive_payroll() AS archived'),
    hrm('function-hidden-rows', 'SELECT payroll_digest() AS digest'),
    hrm('function-pii', 'SELECT employee_contact(1) AS contact'),
    hrm('function-session-variable', 'SELECT remember_contact() AS remembered'),
  ];
}
