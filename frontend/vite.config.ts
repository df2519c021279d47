import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Node's process, without pulling @types/node into the app's type check.
declare const process: { env: Record<string, string | undefined> };

// The gateway serves the UI under /ui/ on the admin port (docs/ui.md); the Maven module packages
// target/classes/agw-ui into the frontend jar, which gateway-service puts on its classpath.
export default defineConfig({
  base: '/ui/',
  plugins: [react()],
  build: {
    outDir: 'target/classes/agw-ui',
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a gateway started locally (admin port 15000, or AGW_ADMIN_URL).
    proxy: { '/api': process.env.AGW_ADMIN_URL ?? 'http://localhost:15000' },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // One jsdom for all files (setup.ts resets the DOM, fetch, storage and URL after each test):
    // a fresh environment per file cost five of the six minutes of a run on a loaded build box.
    pool: 'threads',
    isolate: false,
    // The build box is shared and loaded: generous limits, never timing assertions.
    testTimeout: 60_000,
  },
});
