// Typed lint rules that the compiler does not enforce; run by `npm run check`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An engine of async jobs: a promise nobody awaits loses its errors.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      'no-console': 'error',
    },
  },
  {
    // Command-line tools, benchmarks and examples print to the console on purpose; the guard wraps it.
    files: ['tools/**', 'bench/**', 'framework/examples/**/main.ts', 'test/support/console-guard.ts'],
    rules: { 'no-console': 'off' },
  },
);
