import { Buffer } from 'node:buffer'

/** Byte → 1 for the characters of a base64url JWT segment: `[A-Za-z0-9_-]`. */
export const JWT_CHAR = new Uint8Array(256)
for (let c = 0; c < 256; c++) {
  const ch = String.fromCharCode(c)
  if (/[A-Za-z0-9_-]/.test(ch)) JWT_CHAR[c] = 1
}

/** Tokens longer than this are given up on (no real JWT is that long). */
const MAX_TOKEN_BYTES = 256 * 1024

const OUT = 0
const E1 = 1 // saw "e"
const E2 = 2 // saw "ey"
const P1 = 3 // in the header segment, after "eyJ"
const D1 = 4 // saw "."
const D2 = 5 // saw ".e"
const D3 = 6 // saw ".ey"
const P2 = 7 // in the payload segment, after ".eyJ"
const P3 = 8 // in the signature segment
const SKIP = 9 // inside an over-long run: wait for its end

const CH_E = 0x65
const CH_Y = 0x79
const CH_J = 0x4a
const CH_DOT = 0x2e

/**
 * Finds `eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*` in a byte stream fed in pieces,
 * with regex leftmost semantics, also when a token spans pieces. Jumps with `indexOf('eyJ')`
 * between tokens, which is where its speed comes from.
 */
export class JwtStreamScanner {
  private state = OUT
  private start = 0
  private len = 0
  private segLen = 0
  private pieces: Buffer[] = []

  constructor(private readonly onToken: (token: string, offset: number) => void) {}

  /** Scans `buf`; `base` is the stream offset of `buf[0]`. */
  push(buf: Buffer, base: number): void {
    const end = buf.length
    let pos = 0
    let tokenFrom = 0
    while (pos < end) {
      const state = this.state
      if (state === OUT) {
        const i = buf.indexOf('eyJ', pos, 'latin1')
        if (i < 0) {
          const last = buf[end - 1]
          if (last === CH_E && end - 1 >= pos) this.begin(E1, base + end - 1, 1)
          else if (last === CH_Y && end - 2 >= pos && buf[end - 2] === CH_E) {
            this.begin(E2, base + end - 2, 2)
          }
          tokenFrom = end - this.len
          break
        }
        this.begin(P1, base + i, 3)
        this.segLen = 0
        tokenFrom = i
        pos = i + 3
        continue
      }
      const c = buf[pos] ?? 0
      switch (state) {
        case E1:
          if (c === CH_Y) this.state = E2
          else {
            this.reset()
            continue
          }
          break
        case E2:
          if (c === CH_J) {
            this.state = P1
            this.segLen = 0
          } else {
            this.reset()
            continue
          }
          break
        case P1:
        case P2: {
          let p = pos
          while (p < end && JWT_CHAR[buf[p] ?? 0] === 1) p++
          this.segLen += p - pos
          this.len += p - pos
          pos = p
          if (pos === end) break
          if (buf[pos] === CH_DOT && this.segLen > 0) {
            this.state = state === P1 ? D1 : P3
            break
          }
          this.reset()
          continue
        }
        case D1:
        case D2:
        case D3: {
          const want = state === D1 ? CH_E : state === D2 ? CH_Y : CH_J
          if (c !== want) {
            this.reset()
            continue
          }
          if (state === D3) {
            this.state = P2
            this.segLen = 0
          } else this.state = state + 1
          break
        }
        case P3: {
          let p = pos
          while (p < end && JWT_CHAR[buf[p] ?? 0] === 1) p++
          this.len += p - pos
          pos = p
          if (pos === end) break
          this.emit(buf, tokenFrom, pos)
          continue
        }
        case SKIP: {
          let p = pos
          while (p < end && JWT_CHAR[buf[p] ?? 0] === 1) p++
          pos = p
          if (pos < end) this.state = OUT
          continue
        }
      }
      if (pos < end) {
        pos++
        this.len++
      }
      if (this.len > MAX_TOKEN_BYTES) {
        this.reset()
        this.state = SKIP
      }
    }
    if (this.state !== OUT && this.state !== SKIP && tokenFrom < end) {
      this.pieces.push(Buffer.from(buf.subarray(tokenFrom, end)))
    }
  }

  /** Ends the stream: a token running up to the very end is reported now. */
  end(): void {
    if (this.state === P3) {
      const token = Buffer.concat(this.pieces).toString('latin1')
      this.onToken(token, this.start)
    }
    this.reset()
  }

  private begin(state: number, start: number, len: number): void {
    this.state = state
    this.start = start
    this.len = len
    this.pieces = []
  }

  private emit(buf: Buffer, from: number, to: number): void {
    const tail = buf.toString('latin1', from, to)
    const token = this.pieces.length > 0 ? Buffer.concat(this.pieces).toString('latin1') + tail : tail
    this.onToken(token, this.start)
    this.reset()
  }

  private reset(): void {
    this.state = OUT
    this.len = 0
    this.pieces = []
  }
}
