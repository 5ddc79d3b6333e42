import { runConnectorConformance } from './connector-conformance-suite.js';
import { snowflakeConformanceOptions } from './snowflake-conformance.js';

runConnectorConformance(snowflakeConformanceOptions());
