// Runs only the pure allocation tests, without the database the main config starts:
//   npx jest --config tests/unit/allocation/jest.config.js
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/unit/allocation'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/tests/support/sucrase-transform.js' },
  testTimeout: 60000,
};
