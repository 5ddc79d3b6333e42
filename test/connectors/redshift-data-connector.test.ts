import { redshiftDataConformanceOptions } from './aws-emulator-conformance.js';
import { runConnectorConformance } from './connector-conformance-suite.js';

runConnectorConformance(redshiftDataConformanceOptions());
