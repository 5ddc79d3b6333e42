-- PostgreSQL standing in for Amazon Redshift: a small slice of the TICKIT sales schema (the demo's
-- `sales` source shape), plus the least-privilege read-only user Switchyard connects as.
CREATE TABLE category (catid SMALLINT PRIMARY KEY, catgroup VARCHAR(10) NOT NULL, catname VARCHAR(10) NOT NULL, catdesc VARCHAR(50));
CREATE TABLE venue (venueid INTEGER PRIMARY KEY, venuename VARCHAR(100) NOT NULL, venuecity VARCHAR(30), venuestate CHAR(2), venueseats INTEGER);
CREATE TABLE event (eventid INTEGER PRIMARY KEY, venueid INTEGER NOT NULL REFERENCES venue (venueid), catid SMALLINT NOT NULL REFERENCES category (catid),
  eventname VARCHAR(200) NOT NULL, starttime TIMESTAMP NOT NULL);
CREATE TABLE sales (salesid INTEGER PRIMARY KEY, eventid INTEGER NOT NULL REFERENCES event (eventid), buyerid BIGINT NOT NULL,
  qtysold SMALLINT NOT NULL, pricepaid DECIMAL(8,2) NOT NULL, commission DECIMAL(8,2), saletime TIMESTAMP NOT NULL);
COMMENT ON TABLE sales IS 'One row per ticket sale';

INSERT INTO category VALUES (1, 'Sports', 'MLB', 'Major League Baseball'), (2, 'Shows', 'Musicals', 'Musical theatre'),
  (3, 'Concerts', 'Pop', 'All rock and pop music concerts'), (4, 'Concerts', 'Jazz', 'All jazz singers and bands');
INSERT INTO venue VALUES (1, 'Madison Square Garden', 'New York City', 'NY', 20000), (2, 'Fenway Park', 'Boston', 'MA', 39928),
  (3, 'Hollywood Bowl', 'Los Angeles', 'CA', 17500);
INSERT INTO event VALUES (1, 2, 1, 'Opening Day', '2008-04-01 19:05:00'), (2, 1, 2, 'Mamma Mia!', '2008-05-20 20:00:00'),
  (3, 3, 3, 'Summer Pop Night', '2008-07-04 20:30:00'), (4, 3, 4, 'Jazz under the stars', '2008-08-15 21:00:00');
INSERT INTO sales
SELECT n, 1 + n % 4, 10000 + n % 97, 1 + n % 4, (20 + (n * 37) % 480)::DECIMAL(8,2), ((20 + (n * 37) % 480) * 0.15)::DECIMAL(8,2),
       TIMESTAMP '2008-01-01 10:00:00' + (n * INTERVAL '7 hours')
FROM generate_series(1, 500) AS n;

CREATE ROLE switchyard_reader LOGIN PASSWORD 'switchyard-reader';
GRANT CONNECT ON DATABASE sales TO switchyard_reader;
GRANT USAGE ON SCHEMA public TO switchyard_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO switchyard_reader;
ALTER ROLE switchyard_reader SET default_transaction_read_only = on;
