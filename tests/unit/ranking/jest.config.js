// Runs only the pure ranking tests, without the database the main config starts:
//   npx jest --config tests/unit/ranking/jest.config.js
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '../../..',
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/unit/ranking'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/tests/support/sucrase-transform.js' },
};
