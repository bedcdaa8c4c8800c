/** @type {import('jest').Config} */
// openid-client, oauth4webapi, oidc-provider and the jose 6 they use are published only as
// ES modules; jest 29 loads CommonJS, so those packages (and only those) are rewritten by
// tests/support/esm-package-transform.js. Node itself loads them natively (require(esm)).
const ESM_ONLY_PACKAGES = ['openid-client', 'oauth4webapi', 'oidc-provider', 'jose'];

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/tests/support/sucrase-transform.js',
    '/node_modules/.+\\.js$': '<rootDir>/tests/support/esm-package-transform.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_PACKAGES.join('|')})/)`],
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 60000,
};
