// The dashboard's browser figures (`npm run bench:dashboard`, e2e/bench/*.bench.ts): Chromium frame
// times and first render, printed rather than asserted so they never make `npm test` flaky.
// Same transform and setup as the integration project. The platform's own benchmarks are
// `npm run bench` (bench/).
const base = require('./jest.config.js');

const integration = base.projects.find((project) => project.displayName === 'integration');

module.exports = {
  ...integration,
  displayName: 'bench',
  testMatch: ['<rootDir>/e2e/bench/**/*.bench.ts'],
  testTimeout: 600_000,
  maxWorkers: 1,
};
