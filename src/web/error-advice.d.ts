// Types of error-advice.js for the TypeScript tests that import it; the browser loads the .js as is.
import type { ErrorBody } from './api-client.js';

export declare function errorAdvice(body: ErrorBody): string;
