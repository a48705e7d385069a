/** Where Debian, Ubuntu and Google install Chromium or Chrome, in the order they are tried. */
export const USUAL_BROWSER_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/opt/google/chrome/chrome'] as const

export type BrowserLookup = { readonly found: true; readonly path: string; readonly from: string } | { readonly found: false; readonly message: string }

/**
 * Picks the browser: `--browser`, then `ASAP_DOCTOR_BROWSER`, then the usual install paths. An
 * explicit choice that does not exist is an error, not a reason to fall back: the user asked for
 * that browser. `exists` is injected so this stays testable without touching the file system.
 */
export function findBrowser(flag: string | undefined, env: Readonly<Record<string, string | undefined>>, exists: (path: string) => boolean): BrowserLookup {
  const install = 'install one (apt-get install chromium) or pass --browser PATH to a Chromium or Chrome'
  if (flag !== undefined && flag !== '') {
    return exists(flag) ? { found: true, path: flag, from: '--browser' } : { found: false, message: `no browser at --browser ${flag}; ${install}` }
  }
  const fromEnv = env.ASAP_DOCTOR_BROWSER
  if (fromEnv !== undefined && fromEnv !== '') {
    return exists(fromEnv)
      ? { found: true, path: fromEnv, from: 'ASAP_DOCTOR_BROWSER' }
      : { found: false, message: `no browser at ASAP_DOCTOR_BROWSER=${fromEnv}; ${install}` }
  }
  const usual = USUAL_BROWSER_PATHS.find((path) => exists(path))
  return usual === undefined
    ? { found: false, message: `no Chromium or Chrome found (tried ${USUAL_BROWSER_PATHS.join(', ')}); ${install}` }
    : { found: true, path: usual, from: 'install path' }
}
