import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'main/**/*.test.ts',
      'preload/**/*.test.ts',
      'renderer/src/**/*.test.{ts,tsx}',
      'models/training/*.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Integration tests spawn inference processes; two cores do not gain from more parallelism.
    maxWorkers: 2,
    // No test reaches the real Hugging Face hub: unless a test points it at its stand-in, the hub
    // is a loopback port where nothing listens.
    env: { HF_ENDPOINT: 'http://127.0.0.1:9' },
  },
});
