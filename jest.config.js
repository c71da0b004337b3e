// One jest run for the whole repository, in projects:
//   unit         *.spec.ts beside the code, no I/O
//   integration  *.int-spec.ts (real PostgreSQL) and e2e/**/*.e2e-spec.ts (whole stack)
//   faults       e2e/faults/**/*.fault-spec.ts: services as processes, killed, database crashed
//   web          web/src/**/*.test.ts(x): the dashboard's logic and components in jsdom (Testing Library)
//   browser      e2e/browser/*.browser-spec.ts: the built dashboard in Chromium against the whole stack
// `npm test` runs them all; `npx jest --selectProjects unit` runs one.
const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true, tsx: true },
      // type-graphql and TypeORM read decorator metadata: keep legacy decorators with metadata.
      transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const moduleNameMapper = {
  '^@nexara/kit$': '<rootDir>/packages/kit/src/index.ts',
  '^@nexara/kit/tracing$': '<rootDir>/packages/kit/src/tracing.ts',
  '^@nexara/contracts$': '<rootDir>/packages/contracts/src/index.ts',
  '^@nexara/providers$': '<rootDir>/packages/providers/src/index.ts',
  '^@nexara/providers/(display|testing)$': '<rootDir>/packages/providers/src/$1.ts',
  '^@nexara/stack$': '<rootDir>/packages/stack/src/index.ts',
  '^@nexara/test-support$': '<rootDir>/packages/test-support/src/index.ts',
  '^@nexara/(tenants|orders|integrations|catalog)$': '<rootDir>/subgraphs/$1/src/index.ts',
  '^@nexara/integrations/testing$': '<rootDir>/subgraphs/integrations/src/testing/index.ts',
  '^@nexara/gateway$': '<rootDir>/gateway/src/index.ts',
  '^@nexara/simulator$': '<rootDir>/packages/simulator/src/index.ts',
  '^@nexara/simulator/testing$': '<rootDir>/packages/simulator/src/testing/index.ts',
};

const shared = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swcTransform },
  moduleNameMapper,
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};

module.exports = {
  maxWorkers: 2,
  // A worker is replaced once its heap passes this after a test file. Test files load the code again in every worker
  // (jest's module registry is per file), so a worker's heap only grows: 600 MB after the unit project alone
  // (--logHeapUsage, Node 26). A fresh-clone run on Node 26.12.1 lost a suite when V8 aborted inside such a
  // long-lived worker ("Check failed: IsSharedFunctionInfo()", SIGSEGV); the same suite passes alone.
  workerIdleMemoryLimit: '1GB',
  // Integration tests start servers and clone databases; jest reads this only at the top level.
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,subgraphs,gateway}/**/src/**/*.spec.ts', '<rootDir>/bench/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{packages,subgraphs,gateway}/**/src/**/*.int-spec.ts', '<rootDir>/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/packages/stack/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/packages/stack/src/jest/global-teardown.ts',
      setupFiles: ['reflect-metadata'],
    },
    {
      ...shared,
      displayName: 'web',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/web/src/**/*.test.{ts,tsx}'],
    },
    {
      ...shared,
      displayName: 'browser',
      // Needs the built dashboard (web/dist, from `npm run build`) and Chromium at /usr/bin/chromium.
      testMatch: ['<rootDir>/e2e/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/packages/stack/src/jest/global-setup.ts',
      globalTeardown: '<rootDir>/packages/stack/src/jest/global-teardown.ts',
      setupFiles: ['reflect-metadata'],
    },
    {
      ...shared,
      displayName: 'faults',
      // Each fault test runs its own PostgreSQL (it gets crashed) and services built in dist/.
      testMatch: ['<rootDir>/e2e/faults/**/*.fault-spec.ts'],
      setupFiles: ['reflect-metadata'],
    },
  ],
};
