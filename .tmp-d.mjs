import pkg from 'node-sql-parser';
const p = new pkg.Parser();
for (const s of ["SELECT avg(Attendance) FROM SHOW", "SELECT SUM(DISTINCT FavoriteCount) FROM posts WHERE Id IN ( SELECT PostId FROM postHistory WHERE UserId = 686 AND STRFTIME('%Y', CreationDate) = '2011' )", "SELECT SUM(DISTINCT FavoriteCount) FROM posts", "SELECT PostId FROM postHistory WHERE UserId = 686"])
 for (const db of ['Sqlite','PostgresQL','MySQL','MariaDB','BigQuery','Snowflake','Trino']) { try { p.astify(s, {database: db}); console.log('ok', db, s.slice(0,50)); } catch (e) { } }
