import { jest } from '@jest/globals';

// Integration and e2e tests start apps on fresh databases, servers and brokers in their hooks: a
// few seconds on a quiet machine, more on a busy one. Jest's 5 s default would fail them for the
// machine's load, not for anything they check; no test asserts on time.
jest.setTimeout(30_000);
