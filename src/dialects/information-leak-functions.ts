import type { FunctionDenial } from './function-denial.js';

/** Names that disclose the server, the session or privileges in some engine; every dialect denies them. */
export const informationLeakFunctions: FunctionDenial = {
  rule: 'denied-function',
  why: 'discloses server, session or privilege information',
  names: ['version', 'current_setting', 'connection_id', 'database', 'schema', 'user', 'session_user', 'system_user',
    'current_user', 'current_role'],
};
