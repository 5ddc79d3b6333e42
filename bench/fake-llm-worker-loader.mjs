// Worker threads on Node 20 do not take the tsx loader from execArgv; it is registered here, in the
// worker, before the TypeScript entry is imported.
import { register } from 'tsx/esm/api';

register();
await import('./fake-llm-worker.ts');
