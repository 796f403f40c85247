/** Jest 29 + @swc/jest (fastest transform here); type checking is `tsc --noEmit`, run separately. */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } }, target: 'es2021' }, module: { type: 'commonjs' } }];

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  moduleNameMapper: {
    '^@/types/(.*)$': '<rootDir>/types/$1',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/test/**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // dist/cloudfunctions/<name>/package.json would otherwise collide in jest's module map.
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/test/deploy/fixtures/'],
  testTimeout: 60000,
};
