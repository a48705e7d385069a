/**
 * The part of the WebAssembly API the scanner uses. Declared here: Node's types for Node 20 do not
 * declare `WebAssembly`, and the DOM's would bring the whole browser into a CLI's types.
 */
interface WasmApi {
  validate(bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { readonly exports: unknown }
}

/** The memory each of the scanner's modules exports. */
export interface WasmMemory {
  readonly buffer: ArrayBuffer
  grow(pages: number): number
}

const PAGE = 65_536

// Each module compiled once per thread (null: it does not validate here), by its base64 text.
const compiled = new Map<string, object | null>()

/**
 * A new instance of the module in `base64` (one of the committed `*-wasm.ts`), its exports typed as
 * `E`; undefined where WebAssembly, or an instruction the module uses (SIMD), is missing: each
 * caller then runs its JavaScript or regex version.
 */
export function instantiate<E>(base64: string): E | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
  if (wasm === undefined) return undefined
  let module = compiled.get(base64)
  if (module === undefined) {
    module = null
    try {
      const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
      if (wasm.validate(bytes)) module = new wasm.Module(bytes)
    } catch {
      module = null
    }
    compiled.set(base64, module)
  }
  if (module === null) return undefined
  try {
    return new wasm.Instance(module).exports as E
  } catch {
    return undefined
  }
}

/** Grows `memory` to hold at least `bytes`. */
export function ensureMemory(memory: WasmMemory, bytes: number): void {
  if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE))
}
