// Jest runs in ES-module mode (Node 20 + NestJS 12 are ESM-only); @swc/jest compiles TypeScript
// with decorator metadata. One embedded PostgreSQL cluster is started for the whole run by the
// global setup (or TEST_DATABASE_URL is used), and every test file gets its own database.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      target: 'es2022',
      keepClassNames: true,
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    },
    module: { type: 'es6' },
  },
];

// @fastify/static (the API explorer's assets on Fastify) require()s content-disposition 3, which
// is ESM-only; Jest cannot load that on Node 20, so that one package is compiled to CommonJS.
const swcCommonJs = [
  '@swc/jest',
  { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': swc,
    '/node_modules/content-disposition/.+\\.js$': swcCommonJs,
  },
  transformIgnorePatterns: ['^(?!.*/node_modules/content-disposition/).*/node_modules/'],
  // JEST_HANDLES=1 (or =stacks) logs what each file and worker leaves open (handles-environment.mjs).
  testEnvironment: process.env.JEST_HANDLES
    ? '<rootDir>/test/support/handles-environment.mjs'
    : 'node',
};

// Integration and e2e tests start apps on fresh databases, servers and brokers in their hooks:
// their timeout is raised in a setup file (jest-circus reads only the global testTimeout, not a
// project's).
const SLOW_SETUP = ['<rootDir>/test/support/slow-setup.ts'];

export default {
  globalSetup: './test/support/global-setup.mjs',
  globalTeardown: './test/support/global-teardown.mjs',
  maxWorkers: 2,
  // Workers end with nothing left open (JEST_HANDLES=1 shows it) and exit at once, but after the
  // e2e files one holds 2.5-3 GB, and on a loaded two-core machine the system can take more than
  // Jest's default 500 ms to tear such a process down: Jest then kills it and warns of leaking
  // tests. A worker kept up by a real leak is still killed, with that warning, 5 s later.
  workerGracefulExitTimeout: 5000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts'],
      setupFilesAfterEnv: SLOW_SETUP,
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.spec.ts'],
      setupFilesAfterEnv: SLOW_SETUP,
    },
  ],
};
