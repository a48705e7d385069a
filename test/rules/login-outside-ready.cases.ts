import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of login-outside-ready: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  { name: 'top-level login', path: 'public/app.js', code: "window.ZohoDeskAsap.invoke('login', cb)", expect: ['outside-ready'] },
  { name: 'inside ready', path: 'public/app.js', code: "window.ZohoDeskAsapReady(() => { window.ZohoDeskAsap.invoke('login', cb) })", expect: [] },
  {
    name: 'named function handed to ready',
    path: 'public/app.js',
    code: "function login() { ZohoDeskAsap.invoke('login', cb) }\nZohoDeskAsapReady(login)",
    expect: [],
  },
  {
    name: 'named function called from ready',
    path: 'public/app.js',
    code: "const start = () => ZohoDeskAsap.invoke('login', cb)\nZohoDeskAsapReady(() => start())",
    expect: [],
  },
  { name: 'in a script onload', path: 'public/app.js', code: "s.onload = () => ZohoDeskAsap.invoke('login', cb)", expect: ['outside-ready'] },
  { name: 'other invoke', path: 'public/app.js', code: "ZohoDeskAsap.invoke('open')", expect: [] },
]
