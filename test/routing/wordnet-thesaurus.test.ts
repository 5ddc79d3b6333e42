import { describe, expect, it } from 'vitest';
import type { CatalogSource } from '../../src/catalog/catalog-types.js';
import { LexicalRetriever } from '../../src/routing/lexical-retriever.js';
import { alternateWeight, relativeWeight, TermImpactIndex } from '../../src/routing/term-impact-index.js';
import { queryTerms } from '../../src/routing/text-terms.js';
import { WordNetThesaurus } from '../../src/routing/wordnet-thesaurus.js';

const table = (name: string, columns: string[]) => ({ name, columns: columns.map((column) => ({ name: column, type: 'text', nullable: true })), sampleRows: [], foreignKeys: [] });
const source = (name: string, tables: ReturnType<typeof table>[]): CatalogSource => ({ name, kind: 'duckdb', dialect: 'duckdb', description: name, examples: [], status: { healthy: true }, tables });

describe('WordNet thesaurus', () => {
  const thesaurus = WordNetThesaurus.shared();

  it('gives the synonyms of a noun’s most frequent sense, from plural and irregular forms too', () => {
    expect(thesaurus.relatives('vocalist')).toContain('singer');
    expect(thesaurus.relatives('movies')).toEqual(expect.arrayContaining(['movie', 'film']));
    expect(thesaurus.relatives('women')).toContain('woman');
  });

  it('gives the words of direct hypernyms', () => {
    expect(thesaurus.relatives('surgeon')).toContain('doctor');
    expect(thesaurus.relatives('employees')).toContain('worker');
  });

  it('leaves out rarer senses, multi-word lemmas and the word itself', () => {
    // "company" as a troupe or as companionship is a rarer sense than the business.
    expect(thesaurus.relatives('company')).not.toContain('troupe');
    expect(thesaurus.relatives('movie').some((word) => word.includes('_') || word.includes(' '))).toBe(false);
    expect(thesaurus.relatives('movie')).not.toContain('movie');
  });

  it('finds the first and last lemmas of the index and nothing for unknown words', () => {
    expect(thesaurus.relatives('aardvark')).toContain('anteater');
    expect(thesaurus.relatives('zymurgy')).toContain('zymology');
    expect(thesaurus.relatives('qwzxv')).toEqual([]);
  });
});

describe('thesaurus relatives in routing', () => {
  it('adds stemmed relatives apart from the hand-written alternates', () => {
    const related = (word: string) => ({ vocalists: ['singer', 'musicians'], films: ['movie', 'picture'] })[word] ?? [];
    expect(queryTerms('vocalists and films', related)).toEqual([
      { term: 'vocalist', alternates: [], relatives: ['singer', 'musician'] },
      // "movie" is a hand-written alternate of "films" already, so it is not a relative as well.
      { term: 'film', alternates: ['movi'], relatives: ['pictur'] },
    ]);
    expect(queryTerms('vocalists')).toEqual([{ term: 'vocalist', alternates: [] }]);
  });

  it('counts a relative at a discount in the score and in the matched-terms factor', () => {
    const index = new TermImpactIndex([
      { id: 0, name: 'singer', columns: '', text: '', values: '' },
      { id: 1, name: 'vocalist', columns: '', text: '', values: '' },
    ]);
    const own = index.match([{ term: 'vocalist', alternates: [] }]);
    const related = index.match([{ term: 'vocalist', alternates: [], relatives: ['singer'] }]);
    const alternate = index.match([{ term: 'vocalist', alternates: ['singer'] }]);
    const score = (matches: typeof own, document: number) => matches.scores[[...matches.documents].indexOf(document)]!;
    expect(score(related, 0)).toBeCloseTo(score(own, 1) * relativeWeight * relativeWeight, 6);
    expect(score(alternate, 0)).toBeCloseTo(score(own, 1) * alternateWeight, 6);
  });

  it('routes a question to the schema that names its words differently', () => {
    const sources = [source('school', [table('student', ['name', 'age', 'grade'])]), source('concerts', [table('singer', ['name', 'age', 'country'])])];
    const question = 'List the names of vocalists older than 30';
    expect(new LexicalRetriever(sources).retrieve(question).sources[0]?.source).toBe('concerts');
    // Without the thesaurus the two schemas tie on "name" and "age", and catalog order decides.
    expect(new LexicalRetriever(sources, () => []).retrieve(question).sources[0]?.source).toBe('school');
  });
});
