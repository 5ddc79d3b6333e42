import { runConnectorConformance } from './connector-conformance-suite.js';
import { postgresConformanceOptions } from './postgres-conformance.js';

runConnectorConformance(postgresConformanceOptions('postgres'));
