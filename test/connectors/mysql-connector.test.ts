import { runConnectorConformance } from './connector-conformance-suite.js';
import { mariaDbConformanceOptions } from './mariadb-conformance.js';

runConnectorConformance(mariaDbConformanceOptions());
