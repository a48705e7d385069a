import { existsSync } from 'node:fs'
import { DEFAULT_BROWSER_ARGS } from '../../src/browser/playwright-recorder.js'

/** Debian's chromium, never a downloaded browser; undefined when it is not installed (the browser tests skip). */
export const CHROMIUM: string | undefined = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path))

/** The recorder's own flags (no network of its own, no sandbox for root in CI), headless. */
export const CHROMIUM_ARGS: readonly string[] = ['--headless', ...DEFAULT_BROWSER_ARGS]
