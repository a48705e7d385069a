#!/usr/bin/env node
// Runs the built CLI. `npm install` builds it (the `prepare` script); a checkout without dist/ says so.
import { existsSync } from 'node:fs'

const entry = new URL('../dist/cli/entry.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write('asap-doctor: not built yet: run `npm install` (or `npm run build`) in the package folder\n')
  process.exitCode = 2
} else {
  await import(entry.href)
}
