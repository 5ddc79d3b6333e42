import { runConnectorConformance } from './connector-conformance-suite.js';
import { duckDbFileConformanceOptions } from './duckdb-conformance.js';

runConnectorConformance(duckDbFileConformanceOptions());
