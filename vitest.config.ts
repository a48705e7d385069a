import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // Golden files are compared explicitly (toMatchFileSnapshot); never rewrite them silently in CI.
    update: false,
  },
})
