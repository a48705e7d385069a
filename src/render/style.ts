/**
 * How renderers colour text. The CLI passes a chalk-backed style on a colour terminal; everything
 * else (tests, pipes, NO_COLOR) gets `plainStyle`, so renderers stay pure and never read the env.
 */
export interface Style {
  readonly pass: (text: string) => string
  readonly fail: (text: string) => string
  readonly warn: (text: string) => string
  readonly skip: (text: string) => string
  readonly dim: (text: string) => string
  readonly bold: (text: string) => string
}

const identity = (text: string): string => text

export const plainStyle: Style = { pass: identity, fail: identity, warn: identity, skip: identity, dim: identity, bold: identity }
