import { runConnectorConformance } from './connector-conformance-suite.js';
import { sqliteConformanceOptions } from './sqlite-conformance.js';

runConnectorConformance(sqliteConformanceOptions());
