// Benchmarks (`npm run bench`): whole-stack timings, printed rather than asserted,
// so they never make `npm test` flaky. Same transform and setup as the integration project.
const base = require('./jest.config.js');

const integration = base.projects.find((project) => project.displayName === 'integration');

module.exports = {
  ...integration,
  displayName: 'bench',
  testMatch: ['<rootDir>/e2e/bench/**/*.bench.ts'],
  testTimeout: 600_000,
  maxWorkers: 1,
};
