import { runConnectorConformance } from './connector-conformance-suite.js';
import { duckDbParquetViewsConformanceOptions } from './duckdb-conformance.js';

runConnectorConformance(duckDbParquetViewsConformanceOptions());
