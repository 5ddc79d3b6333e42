import path from 'node:path';
import { countRows, runStatements, scaledCount, withDuckDb, type DemoGenerationContext, type DemoSourceGenerator } from './demo-generator-support.js';
import { emailDomains, firstNames, lastNames, usCities } from './demo-word-lists.js';
import { expandWeighted, sqlString, sqlStringList } from './seeded-sql-random.js';
import {
  eventNamesByCategory, eventStartTimes, holidays2008, medianTicketPrice, namedVenues, tickitCategories, venueSponsorTickers, venueSuffixes,
} from './tickit-word-lists.js';

const fullSize = { venues: 202, users: 49_990, events: 8_798, listings: 192_497, sales: 172_456 };
const daySeconds = 86_400;
// TICKIT's date table has 365 rows for 2008: it skips 29 February (day offset 59), so all times are
// drawn on a 365-day "calendar second" axis and mapped to timestamps by a monotone function that skips it.
const tickitDays = 365;
const skippedDayOffset = 59;
const firstDateId = 1827;
const likeColumns: readonly (readonly [string, number])[] = [
  ['likesports', 0.45], ['liketheatre', 0.4], ['likeconcerts', 0.45], ['likejazz', 0.3], ['likeclassical', 0.3],
  ['likeopera', 0.2], ['likerock', 0.4], ['likevegas', 0.35], ['likebroadway', 0.35], ['likemusicals', 0.4],
];

function buildStatements({ random, scale }: DemoGenerationContext): string[] {
  const users = scaledCount(fullSize.users, scale, 500);
  const events = scaledCount(fullSize.events, scale, 200);
  const listings = scaledCount(fullSize.listings, scale, 2_000);
  const sales = scaledCount(fullSize.sales, scale, 1_800);
  const cityIndexes = expandWeighted(usCities.map((city, index) => [String(index + 1), city[3]] as const));
  const categoryIds = expandWeighted(tickitCategories.map((category) => [String(category[0]), category[5]] as const));
  const namedVenueRows = namedVenues.map(([name, city, state, seats, kind]) => {
    const sponsor = venueSponsorTickers[name];
    return `${sqlString(name)}, ${sqlString(city)}, ${sqlString(state)}, ${sqlString(kind)}, ${seats}, ${seats}, ${sponsor ? sqlString(sponsor) : 'NULL'}`;
  });
  const generatedVenueRows = Array.from({ length: fullSize.venues - namedVenues.length }, (_, index) => {
    const city = usCities[index % usCities.length]!;
    const suffix = venueSuffixes[(Math.floor(index / usCities.length) + index) % venueSuffixes.length]!;
    return `${sqlString(`${city[0]} ${suffix[0]}`)}, ${sqlString(city[0])}, ${sqlString(city[1])}, ${sqlString(suffix[1])}, ${suffix[2]}, ${suffix[3]}, NULL`;
  });
  const eventNameCases = tickitCategories
    .map(([catid]) => `WHEN ${catid} THEN ${random.pick(eventNamesByCategory[catid]!, 'event-name', 'i')}`)
    .join(' ');
  const likeExpressions = likeColumns
    .map(([column, probability]) =>
      `CASE WHEN ${random.chance(`${column}-null`, ['i'], 0.15)} THEN NULL ELSE ${random.chance(column, ['i'], probability)} END AS ${column}`)
    .join(',\n      ');
  const letter = (salt: string) => `chr(${random.integer(salt, ['i'], 65, 90)}::INTEGER)`;
  const digit = (salt: string, key = 'i') => `${random.integer(salt, [key], 0, 9)}::VARCHAR`;
  return [
    `CREATE TEMP MACRO tickit_time(x) AS TIMESTAMP '2008-01-01' + to_seconds(x + CASE WHEN x >= ${skippedDayOffset * daySeconds} THEN ${daySeconds} ELSE 0 END)`,
    `CREATE TEMP MACRO tickit_dateid(x) AS (${firstDateId} + x // ${daySeconds})::SMALLINT`,
    `CREATE TABLE category (catid SMALLINT, catgroup VARCHAR(10), catname VARCHAR(10), catdesc VARCHAR(50))`,
    `INSERT INTO category VALUES ${tickitCategories.map(([id, group, name, description]) => `(${id}, ${sqlString(group)}, ${sqlString(name)}, ${sqlString(description)})`).join(', ')}`,
    `CREATE TABLE date (dateid SMALLINT, caldate DATE, day CHAR(3), week SMALLINT, month CHAR(5), qtr CHAR(5), year SMALLINT, holiday BOOLEAN)`,
    `INSERT INTO date
     SELECT (${firstDateId} + k)::SMALLINT, caldate, upper(strftime(caldate, '%a'))[1:2],
       ((dayofyear(caldate) + 1) // 7 + 1)::SMALLINT, upper(strftime(caldate, '%b')), quarter(caldate)::VARCHAR,
       year(caldate)::SMALLINT, caldate::VARCHAR IN (SELECT unnest(${sqlStringList(holidays2008)}))
     FROM (SELECT k, (DATE '2008-01-01' + (k + CASE WHEN k >= ${skippedDayOffset} THEN 1 ELSE 0 END)::INTEGER) AS caldate FROM range(${tickitDays}) r(k))
     ORDER BY k`,
    `CREATE TEMP TABLE venue_source AS
     SELECT * FROM (VALUES ${[...namedVenueRows, ...generatedVenueRows].map((row, index) => `(${index + 1}, ${row})`).join(', ')})
       v(venueid, venuename, venuecity, venuestate, kind, minimum_seats, maximum_seats, sponsor_ticker)`,
    // TICKIT's venue columns, plus the ticker of the listed company a venue is named after (a key into finance).
    `CREATE TABLE venue (venueid SMALLINT, venuename VARCHAR(100), venuecity VARCHAR(30), venuestate CHAR(2), venueseats INTEGER,
       sponsor_ticker VARCHAR(5))`,
    // As in TICKIT, some venues have no seat count on record; they carry 0.
    `INSERT INTO venue SELECT venueid, venuename, venuecity, venuestate,
       CASE WHEN ${random.chance('seats-unknown', ['venueid'], 0.12)} THEN 0
            ELSE ${random.integer('seats', ['venueid'], 'minimum_seats', 'maximum_seats')} END,
       sponsor_ticker
     FROM venue_source ORDER BY venueid`,
    `CREATE TEMP TABLE venue_pool AS
     SELECT kind, (row_number() OVER (PARTITION BY kind ORDER BY venueid) - 1)::INTEGER AS position, venueid,
       count(*) OVER (PARTITION BY kind)::INTEGER AS pool_size FROM venue_source`,
    `CREATE TABLE users (userid INTEGER, username CHAR(8), firstname VARCHAR(30), lastname VARCHAR(30), city VARCHAR(30),
       state CHAR(2), email VARCHAR(100), phone CHAR(14), likesports BOOLEAN, liketheatre BOOLEAN, likeconcerts BOOLEAN,
       likejazz BOOLEAN, likeclassical BOOLEAN, likeopera BOOLEAN, likerock BOOLEAN, likevegas BOOLEAN, likebroadway BOOLEAN,
       likemusicals BOOLEAN)`,
    `INSERT INTO users
     SELECT i, ${letter('u1')} || ${letter('u2')} || ${letter('u3')} || ${digit('u4')} || ${digit('u5')} || ${letter('u6')} || ${letter('u7')} || ${letter('u8')},
       firstname, lastname, ${sqlStringList(usCities.map((city) => city[0]))}[city_index],
       ${sqlStringList(usCities.map((city) => city[1]))}[city_index],
       lower(firstname) || '.' || lower(lastname) || (i % 97)::VARCHAR || '@' || ${random.pick(emailDomains, 'email', 'i')},
       '(' || ${sqlStringList(usCities.map((city) => city[2]))}[city_index] || ') ' || ${random.integer('phone1', ['i'], 200, 999)}::VARCHAR
         || '-' || lpad(${random.integer('phone2', ['i'], 0, 9999)}::VARCHAR, 4, '0'),
      ${likeExpressions}
     FROM (SELECT i, ${random.pick(firstNames, 'first', 'i')} AS firstname, ${random.pick(lastNames, 'last', 'i')} AS lastname,
             ${random.pick(cityIndexes, 'city', 'i')}::INTEGER AS city_index FROM range(1, ${users + 1}) r(i))
     ORDER BY i`,
    `CREATE TEMP TABLE event_source AS
     SELECT i AS eventid, catid, kind,
       ${random.integer('event-day', ['i'], 0, tickitDays - 1)} * ${daySeconds}
         + epoch(${random.pick(eventStartTimes, 'event-time', 'i')}::TIME)::BIGINT AS start_second,
       ${random.unit('event-venue', 'i')} AS venue_draw,
       CASE catid ${eventNameCases} END AS eventname,
       [${medianTicketPrice.join(', ')}][catid + 1]
         * exp(0.45 * ${random.normal('event-price', 'i')}) AS base_price
     FROM (SELECT i, ${random.pick(categoryIds, 'event-category', 'i')}::INTEGER AS catid FROM range(1, ${events + 1}) r(i))
       JOIN (VALUES ${tickitCategories.map(([catid, , , , kind]) => `(${catid}, '${kind}')`).join(', ')}) k(category_id, kind)
         ON k.category_id = catid`,
    `CREATE TABLE event (eventid INTEGER, venueid SMALLINT, catid SMALLINT, dateid SMALLINT, eventname VARCHAR(200), starttime TIMESTAMP)`,
    `INSERT INTO event SELECT e.eventid, p.venueid, e.catid, tickit_dateid(e.start_second), e.eventname, tickit_time(e.start_second)
     FROM event_source e JOIN venue_pool p ON p.kind = e.kind AND p.position = floor(e.venue_draw * p.pool_size)::INTEGER
     ORDER BY e.eventid`,
    // Listings concentrate on popular events and busy sellers: a power of a uniform picks a rank, and a
    // multiplication by a prime scatters ranks over ids so popularity is not tied to id order.
    `CREATE TEMP TABLE listing_source AS
     SELECT l.*, e.start_second, e.base_price,
       e.start_second - floor(least(e.start_second, 120 * ${daySeconds}) * (0.02 + 0.98 * ${random.unit('list-lead', 'l.listid')}))::BIGINT AS list_second
     FROM (SELECT i AS listid,
             1 + (floor(${events} * pow(${random.unit('list-event', 'i')}, 1.6))::BIGINT * 7919) % ${events} AS eventid,
             1 + (floor(${users} * pow(${random.unit('list-seller', 'i')}, 2.2))::BIGINT * 7919) % ${users} AS sellerid,
             1 + floor(29 * pow(${random.unit('list-tickets', 'i')}, 2))::INTEGER AS numtickets,
             ${random.normal('list-price', 'i')} AS price_noise
           FROM range(1, ${listings + 1}) r(i)) l
       JOIN event_source e ON e.eventid = l.eventid`,
    `CREATE TABLE listing (listid INTEGER, sellerid INTEGER, eventid INTEGER, dateid SMALLINT, numtickets SMALLINT,
       priceperticket DECIMAL(8,2), totalprice DECIMAL(8,2), listtime TIMESTAMP)`,
    `INSERT INTO listing SELECT listid, sellerid, eventid, tickit_dateid(list_second), numtickets, price, numtickets * price, tickit_time(list_second)
     FROM (SELECT *, greatest(10, least(2500, round(base_price * exp(0.2 * price_noise))))::DECIMAL(8,2) AS price FROM listing_source)
     ORDER BY listid`,
    // Most listings sell once, some several times or never; each sale takes a share of the listed tickets.
    `CREATE TEMP TABLE sale_source AS
     SELECT l.listid, l.sellerid, l.eventid, l.numtickets, l.list_second, l.start_second, s.part, s.parts,
       p.priceperticket
     FROM (SELECT listid, least(numtickets, CASE WHEN draw < 0.25 THEN 0 WHEN draw < 0.83 THEN 1 WHEN draw < 0.96 THEN 2 ELSE 3 END) AS parts
           FROM (SELECT listid, numtickets, ${random.unit('sale-parts', 'listid')} AS draw FROM listing_source)) c
       CROSS JOIN LATERAL (SELECT unnest(range(c.parts)) AS part, c.parts AS parts) s
       JOIN listing_source l ON l.listid = c.listid
       JOIN listing p ON p.listid = c.listid
     QUALIFY row_number() OVER (ORDER BY hash(l.listid, s.part, ${sqlString(`sale-keep:${random.seed}`)}), l.listid, s.part) <= ${sales}`,
    `CREATE TABLE sales (salesid INTEGER, listid INTEGER, sellerid INTEGER, buyerid INTEGER, eventid INTEGER, dateid SMALLINT,
       qtysold SMALLINT, pricepaid DECIMAL(8,2), commission DECIMAL(8,2), saletime TIMESTAMP)`,
    `INSERT INTO sales
     SELECT row_number() OVER (ORDER BY sale_second, listid, part), listid, sellerid,
       1 + (sellerid + ${random.integer('buyer', ['listid', 'part'], 0, users - 2)}) % ${users},
       eventid, tickit_dateid(sale_second), qtysold, qtysold * priceperticket, round(qtysold * priceperticket * 0.15, 2),
       tickit_time(sale_second)
     FROM (SELECT *, list_second + floor((start_second - list_second) * ${random.unit('sale-time', 'listid', 'part')})::BIGINT AS sale_second,
             1 + floor(least(numtickets // parts, 8) * pow(${random.unit('sale-qty', 'listid', 'part')}, 4))::INTEGER AS qtysold
           FROM sale_source)
     ORDER BY 1`,
  ];
}

/** TICKIT (Amazon Redshift sample) ticket sales in `sales.duckdb`, AWS column names and types. */
export const salesDemoGenerator: DemoSourceGenerator = {
  sourceName: 'sales',
  async generate(demoDirectory: string, context: DemoGenerationContext): Promise<Record<string, number>> {
    return withDuckDb(path.join(demoDirectory, 'sales.duckdb'), async (connection) => {
      await runStatements(connection, buildStatements(context));
      return countRows(connection, ['category', 'date', 'venue', 'users', 'event', 'listing', 'sales']);
    });
  },
};
