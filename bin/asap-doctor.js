#!/usr/bin/env node
// Runs the built CLI. The published tarball ships dist/ (built by `prepack`); a clone builds it with
// `npm run build`, and a clone without dist/ says so.
import { existsSync } from 'node:fs'

const dist = new URL('../dist/cli/', import.meta.url)
if (!existsSync(new URL('main.js', dist))) {
  process.stderr.write('asap-doctor: not built yet: run `npm run build` in the package folder\n')
  process.exitCode = 2
} else {
  // Start loading the command's module graph while the CLI core loads: reading the two graphs in
  // parallel instead of one after the other is a measurable part of `verify`'s cold start.
  const command = process.argv[2]
  if (command === 'verify' || command === 'decode') {
    for (const module of [`commands/${command}.js`, '../render/human.js']) void import(new URL(module, dist).href).catch(() => {})
  }
  const [{ runCli }, { processIO }] = await Promise.all([import(new URL('main.js', dist).href), import(new URL('process-io.js', dist).href)])
  // Set exitCode rather than calling process.exit(): stdout may still be flushing into a pipe.
  process.exitCode = await runCli(process.argv.slice(2), processIO())
}
