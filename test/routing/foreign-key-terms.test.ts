import { describe, expect, it } from 'vitest';
import type { CatalogColumn, CatalogSource, CatalogTable } from '../../src/catalog/catalog-types.js';
import { selectCandidates } from '../../src/routing/candidate-selector.js';
import { withInferredForeignKeys } from '../../src/routing/inferred-foreign-keys.js';
import { LexicalRetriever } from '../../src/routing/lexical-retriever.js';

const countTokens = (text: string) => Math.ceil(text.length / 4);

function column(name: string): CatalogColumn {
  return { name, type: 'integer', nullable: false };
}

function table(name: string, columns: string[], foreignKeys: CatalogTable['foreignKeys'] = []): CatalogTable {
  return { name, columns: columns.map(column), sampleRows: [], foreignKeys };
}

function source(name: string, tables: CatalogTable[]): CatalogSource {
  return { name, kind: 'duckdb', dialect: 'duckdb', description: name, examples: [], status: { healthy: true }, tables };
}

/** A football schema that, like many warehouses, declares none of its foreign keys. */
const football = source('football', [
  table('Match', ['id', 'country_id', 'league_id', 'season', 'home_team_goal', 'away_team_goal', 'home_team_id', 'away_team_id']),
  table('Country', ['id', 'name']),
  table('League', ['id', 'country_id', 'name']),
  table('Team', ['id', 'team_long_name', 'team_short_name']),
  table('Team_Attributes', ['id', 'team_id', 'build_up_play_speed', 'defence_pressure']),
  table('Player', ['id', 'player_name', 'height', 'weight']),
]);

/** A hero schema with declared keys and a link table between heroes and powers. */
const heroes = source('heroes', [
  table('superhero', ['id', 'superhero_name', 'full_name', 'publisher_id', 'gender_id', 'race_id'], [
    { column: 'publisher_id', referencedTable: 'publisher', referencedColumn: 'id' },
    { column: 'gender_id', referencedTable: 'gender', referencedColumn: 'id' },
    { column: 'race_id', referencedTable: 'race', referencedColumn: 'id' },
  ]),
  table('hero_power', ['hero_id', 'power_id'], [
    { column: 'hero_id', referencedTable: 'superhero', referencedColumn: 'id' },
    { column: 'power_id', referencedTable: 'superpower', referencedColumn: 'id' },
  ]),
  table('superpower', ['id', 'power_name']),
  table('publisher', ['id', 'publisher_name']),
  table('gender', ['id', 'gender']),
  table('race', ['id', 'race']),
]);

function handedOver(sources: CatalogSource[], question: string, maxTables: number): string[] {
  const result = new LexicalRetriever(sources, () => []).retrieve(question);
  const candidates = selectCandidates(result, sources, { maxTables, maxSources: 1, tokenBudget: 100_000, countTokens });
  return candidates.sources.flatMap((candidate) => candidate.tables.map((item) => item.table));
}

describe('foreign keys implied by column names', () => {
  it('reads `country_id` as a key of `Country` and `CustomerID` as a key of `customers`', () => {
    const shop = source('shop', [table('transactions', ['TransactionID', 'CustomerID', 'Amount']), table('customers', ['CustomerID', 'Segment'])]);
    expect(withInferredForeignKeys(shop).tables[0]!.foreignKeys).toEqual([{ column: 'CustomerID', referencedTable: 'customers', referencedColumn: 'CustomerID' }]);
    const inferred = withInferredForeignKeys(football).tables.find((item) => item.name === 'Match')!.foreignKeys;
    // `home_team_id` names a role, not a table: only whole table names before `id` count.
    expect(inferred).toEqual([
      { column: 'country_id', referencedTable: 'Country', referencedColumn: 'id' },
      { column: 'league_id', referencedTable: 'League', referencedColumn: 'id' },
    ]);
  });

  it('infers nothing a table cannot be joined on, nothing declared twice and no self reference', () => {
    const noKey = source('plain', [table('orders', ['order_id', 'region_id']), table('region', ['code', 'label'])]);
    expect(withInferredForeignKeys(noKey)).toBe(noKey);
    const declared = withInferredForeignKeys(heroes).tables.find((item) => item.name === 'superhero')!;
    expect(declared.foreignKeys).toHaveLength(3);
    const selfNamed = source('tree', [table('node', ['id', 'node_id', 'label'])]);
    expect(withInferredForeignKeys(selfNamed)).toBe(selfNamed);
  });
});

describe('question words matched only by a foreign-key column', () => {
  it('count for the referenced table, so the table holding the country is handed over', () => {
    const result = new LexicalRetriever([football], () => []).retrieve('average home team goal in the 2010 season in the country of Poland');
    const country = result.terms!.findIndex((term) => term.term === 'country');
    const byName = new Map(result.tables.map((item) => [item.table, item]));
    expect(byName.get('Match')!.matchedTerms).not.toContain(country);
    expect(byName.get('Country')!.matchedTerms).toContain(country);
    expect(byName.get('Country')!.reason).toBe('match');
    expect(handedOver([football], 'average home team goal in the 2010 season in the country of Poland', 2)).toEqual(['Match', 'Country']);
  });

  it('name a link table after the tables it joins: the powers themselves come with it', () => {
    expect(handedOver([heroes], 'names of the superheroes with the power of death touch', 3)).toEqual(['superhero', 'superpower', 'hero_power']);
  });

  it('stay with a table that also holds the word in a column, a synonym or a sampled value of its own', () => {
    const result = new LexicalRetriever([football], () => []).retrieve('which league had the most away team goals');
    const team = result.terms!.findIndex((term) => term.term === 'team');
    expect(result.tables.find((item) => item.table === 'Match')!.matchedTerms).toContain(team);

    const [match, ...rest] = football.tables;
    const curated = [
      source('by-synonym', [{ ...match!, synonyms: ['country fixtures'] }, ...rest]),
      source('by-value', [{ ...match!, columns: [...match!.columns, { ...column('stage'), type: 'text', sampleValues: ['country cup'] }] }, ...rest]),
    ];
    for (const curatedSource of curated) {
      const curatedResult = new LexicalRetriever([curatedSource], () => []).retrieve('matches in the country of Poland');
      const country = curatedResult.terms!.findIndex((term) => term.term === 'country');
      expect(curatedResult.tables.find((item) => item.table === 'Match')!.matchedTerms).toContain(country);
    }
  });
});
