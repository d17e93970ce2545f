import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// Vitest's default transform (esbuild/oxc) drops `design:paramtypes`; jobs need it to find their
// dependencies, so tests are compiled by SWC with legacy decorators and decorator metadata.
export default defineConfig({
  plugins: [
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
        target: 'es2022',
      },
    }),
  ],
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/setup-each-file.ts'],
    env: {
      JOBFLOOR_LOG_LEVEL: 'silent',
      // Thread-pool workers run a tsc build of the sources (test/support/compile-for-workers.ts).
      // Each run rebuilds it; runs side by side in one checkout each need a directory of their own.
      JOBFLOOR_COMPILED_DIR: process.env['JOBFLOOR_COMPILED_DIR'] ?? 'node_modules/.cache/jobfloor/compiled',
    },
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
