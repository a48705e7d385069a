import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs build script, without declarations
import { assemble, MODULES } from '../../scripts/assemble-wasm.mjs'

// The scanner's WebAssembly is committed as base64 beside its text source, so that neither a user
// nor the build needs an assembler. This keeps the two from drifting apart.
describe('the committed WebAssembly modules are their sources, assembled', () => {
  for (const { source, target, name } of MODULES as Array<{ source: string; target: string; name: string }>) {
    it(`${target} is ${source} (run \`npm run assemble-wasm\` after editing it)`, async () => {
      const bytes: Uint8Array = await assemble(readFileSync(source, 'utf8'), source)
      const committed: Record<string, string> = await import(`../../${target}`)
      expect(Buffer.from(bytes).toString('base64')).toBe(committed[name])
    })
  }
})
