import { runConnectorConformance } from './connector-conformance-suite.js';
import { trinoConformanceOptions } from './trino-conformance.js';

runConnectorConformance(trinoConformanceOptions());
