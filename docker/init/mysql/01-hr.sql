-- MySQL standing in for Aurora MySQL: a small slice of the employees (HR) schema (the demo's `hr`
-- source shape), plus the least-privilege read-only user Switchyard connects as.
CREATE TABLE departments (dept_no CHAR(4) PRIMARY KEY, dept_name VARCHAR(40) NOT NULL UNIQUE) COMMENT = 'Company departments';
CREATE TABLE employees (emp_no INT PRIMARY KEY, birth_date DATE NOT NULL, first_name VARCHAR(14) NOT NULL, last_name VARCHAR(16) NOT NULL,
  gender ENUM('M', 'F') NOT NULL, hire_date DATE NOT NULL);
CREATE TABLE dept_emp (emp_no INT NOT NULL, dept_no CHAR(4) NOT NULL, from_date DATE NOT NULL, to_date DATE NOT NULL,
  PRIMARY KEY (emp_no, dept_no), FOREIGN KEY (emp_no) REFERENCES employees (emp_no), FOREIGN KEY (dept_no) REFERENCES departments (dept_no));
CREATE TABLE salaries (emp_no INT NOT NULL, salary INT NOT NULL, from_date DATE NOT NULL, to_date DATE NOT NULL,
  PRIMARY KEY (emp_no, from_date), FOREIGN KEY (emp_no) REFERENCES employees (emp_no));

INSERT INTO departments VALUES ('d001', 'Marketing'), ('d002', 'Finance'), ('d003', 'Human Resources'), ('d004', 'Production'), ('d005', 'Development');
INSERT INTO employees VALUES
  (10001, '1953-09-02', 'Georgi', 'Facello', 'M', '1986-06-26'), (10002, '1964-06-02', 'Bezalel', 'Simmel', 'F', '1985-11-21'),
  (10003, '1959-12-03', 'Parto', 'Bamford', 'M', '1986-08-28'), (10004, '1954-05-01', 'Chirstian', 'Koblick', 'M', '1986-12-01'),
  (10005, '1955-01-21', 'Kyoichi', 'Maliniak', 'M', '1989-09-12'), (10006, '1953-04-20', 'Anneke', 'Preusig', 'F', '1989-06-02');
INSERT INTO dept_emp VALUES (10001, 'd005', '1986-06-26', '9999-01-01'), (10002, 'd001', '1996-08-03', '9999-01-01'),
  (10003, 'd004', '1995-12-03', '9999-01-01'), (10004, 'd004', '1986-12-01', '9999-01-01'), (10005, 'd003', '1989-09-12', '9999-01-01'),
  (10006, 'd005', '1990-08-05', '9999-01-01');
INSERT INTO salaries VALUES (10001, 60117, '1986-06-26', '1987-06-26'), (10001, 88958, '2002-06-22', '9999-01-01'),
  (10002, 72527, '2001-08-02', '9999-01-01'), (10003, 43311, '2001-12-01', '9999-01-01'), (10004, 74057, '2001-11-27', '9999-01-01'),
  (10005, 94692, '2001-09-09', '9999-01-01'), (10006, 59755, '2001-08-02', '9999-01-01');

CREATE USER 'switchyard_reader'@'%' IDENTIFIED BY 'switchyard-reader';
GRANT SELECT, SHOW VIEW ON hr.* TO 'switchyard_reader'@'%';
