import { chromium, type Browser } from 'playwright-core'

/** Debian's Chromium with the flags that work on this machine (root, closed network). */
export const CHROMIUM_PATH = '/usr/bin/chromium'
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export function launchChromium(extraArgs: readonly string[]): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_FLAGS, ...extraArgs] })
}
