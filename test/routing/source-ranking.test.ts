import { describe, expect, it } from 'vitest';
import type { CatalogSource, CatalogTable } from '../../src/catalog/catalog-types.js';
import { LexicalRetriever } from '../../src/routing/lexical-retriever.js';
import { selectCandidates } from '../../src/routing/candidate-selector.js';

const countTokens = (text: string) => Math.ceil(text.length / 4);

function table(name: string, columns: string[], foreignKeys: CatalogTable['foreignKeys'] = []): CatalogTable {
  return { name, columns: columns.map((column) => ({ name: column, type: 'varchar', nullable: true })), sampleRows: [], foreignKeys };
}

function source(name: string, tables: CatalogTable[]): CatalogSource {
  return { name, kind: 'duckdb', dialect: 'duckdb', description: '', examples: [], status: { healthy: true }, tables };
}

describe('source ranking by coherent coverage', () => {
  it('prefers the source whose matching terms sit in one table and its joins over one that scatters them across unrelated tables', () => {
    // The museum mentions every word somewhere, in four unrelated tables; the airline holds three of
    // them in two tables joined by a foreign key, which is where a query would find them.
    const airline = source('airline', [
      table('pilot', ['pilot_id', 'name']),
      table('aircraft', ['aircraft_id', 'pilot_id', 'model'], [{ column: 'pilot_id', referencedTable: 'pilot', referencedColumn: 'pilot_id' }]),
    ]);
    const museum = source('museum', [
      table('pilot_portrait', ['portrait_id', 'painter']),
      table('aircraft_exhibit', ['exhibit_id', 'hall']),
      table('model_kit', ['kit_id', 'scale']),
      table('route_map', ['map_id', 'era']),
      table('airport_shop', ['shop_id', 'owner']),
    ]);
    const ranked = new LexicalRetriever([museum, airline]).retrieve('Which pilot flies each aircraft model on which route from which airport?').sources.map((item) => item.source);
    expect(ranked[0]).toBe('airline');
    expect(ranked).toContain('museum');
  });

  it('scores sources the same whether or not the question adds words no schema holds', () => {
    const clinic = source('clinic', [table('patient', ['id', 'sex', 'birthday']), table('laboratory', ['id', 'fibrinogen', 'albumin'])]);
    const health = source('health', [table('patients', ['patient', 'birthdate', 'gender', 'race', 'ethnicity']), table('encounters', ['patient', 'description', 'reason'])]);
    const retriever = new LexicalRetriever([health, clinic], () => []);
    const plain = retriever.retrieve('Which patients have fibrinogen results?').sources;
    const padded = retriever.retrieve('Which patients near Zyxwv have fibrinogen results on 1997-04-01 or 1982?').sources;
    expect(padded.map((item) => item.source)).toEqual(plain.map((item) => item.source));
    padded.forEach((item, position) => expect(item.score).toBeCloseTo(plain[position]!.score, 12));
  });

  it('puts the smaller of two sources that cover the question equally first, whatever the catalog order', () => {
    const people = () => table('people', ['people_id', 'name', 'nationality']);
    const poker = source('poker', [people(), table('poker_player', ['player_id', 'people_id', 'earnings'])]);
    const company = source('company', [people(), table('company', ['company_id', 'industry', 'sales']), table('employment', ['company_id', 'people_id', 'year_working'])]);
    for (const catalog of [[company, poker], [poker, company]]) {
      const ranked = new LexicalRetriever(catalog, () => []).retrieve('How many people are there of each nationality?').sources;
      expect(ranked.map((item) => item.source)).toEqual(['poker', 'company']);
      expect(ranked[0]!.score).toBe(ranked[1]!.score);
    }
  });
});

describe('candidate selection across sources', () => {
  it("hands a runner-up's matching tables before the top source's unmatched ones", () => {
    const top = source('crm_db', [
      table('customer', ['customer_id', 'name']),
      table('customer_segment', ['customer_id', 'segment'], [{ column: 'customer_id', referencedTable: 'customer', referencedColumn: 'customer_id' }]),
      table('campaign', ['campaign_id', 'channel']),
      table('newsletter', ['issue_id', 'subject']),
      table('consent_log', ['event_id', 'at']),
    ]);
    const runnerUp = source('orders_db', [
      table('orders', ['order_id', 'buyer_id', 'total'], [{ column: 'buyer_id', referencedTable: 'buyer', referencedColumn: 'buyer_id' }]),
      table('buyer', ['buyer_id', 'customer']),
      table('warehouse_bin', ['bin_id', 'aisle']),
    ]);
    const sources = [top, runnerUp];
    const result = new LexicalRetriever(sources).retrieve('order total by customer segment');
    expect(result.sources.map((item) => item.source)).toEqual(['crm_db', 'orders_db']);
    const candidates = selectCandidates(result, sources, { maxTables: 4, maxSources: 3, tokenBudget: 4000, countTokens });
    const handed = candidates.sources.flatMap((candidate) => candidate.tables.map((item) => `${candidate.source}.${item.table}`));
    // Should crm_db be wrong, orders_db's two matching tables are there for chain 1 to join; crm_db's
    // tables the question never matched wait until matching tables are placed.
    expect(handed.sort()).toEqual(['crm_db.customer', 'crm_db.customer_segment', 'orders_db.buyer', 'orders_db.orders']);
  });
});
