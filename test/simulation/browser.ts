import { chromium, type Browser } from 'playwright-core'
import { DEFAULT_BROWSER_ARGS } from '../../src/browser/playwright-recorder.js'

/** Debian's Chromium with the flags that work on this machine (root, closed network). */
export const CHROMIUM_PATH = '/usr/bin/chromium'
/** The tool's own browser flags (no network but the page under test), headless. */
export const CHROMIUM_FLAGS: readonly string[] = ['--headless', ...DEFAULT_BROWSER_ARGS]

export function launchChromium(extraArgs: readonly string[]): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, ...extraArgs] })
}
