import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { NEEDLE_FILTER_WASM } from '../../src/scan/needle-filter-wasm.js'
import { instantiate } from '../../src/scan/wasm-instance.js'
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

describe('instantiate', () => {
  it('gives a module its own instance, and nothing for bytes that are no module (the caller falls back)', () => {
    const first = instantiate<{ memory: WebAssemblyMemory }>(NEEDLE_FILTER_WASM)
    const second = instantiate<{ memory: WebAssemblyMemory }>(NEEDLE_FILTER_WASM)
    expect(first?.memory.buffer.byteLength).toBeGreaterThan(0)
    expect(first?.memory).not.toBe(second?.memory)
    expect(instantiate(btoa('not a module'))).toBeUndefined()
    expect(instantiate('%%% not base64')).toBeUndefined()
  })
})

interface WebAssemblyMemory {
  readonly buffer: ArrayBuffer
}
