import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of token-not-fresh: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  { name: 'localStorage', path: 'public/app.js', code: "ZohoDeskAsap.invoke('login', (ok) => ok(localStorage.getItem('t')))", expect: ['cached'] },
  {
    name: 'module variable',
    path: 'public/app.js',
    code: "let token = null\nlogin().then((t) => { token = t })\nZohoDeskAsap.invoke('login', (ok) => ok(token))",
    expect: ['cached'],
  },
  {
    name: 'memoised promise',
    path: 'public/app.js',
    code: "let p\nfunction getToken() { return p ??= fetch('/t').then((r) => r.text()) }\nZohoDeskAsap.invoke('login', async (ok) => ok(await getToken()))",
    expect: ['cached'],
  },
  { name: 'cookie', path: 'public/app.js', code: "ZohoDeskAsap.invoke('login', (ok) => ok(document.cookie.split('=')[1]))", expect: ['cached'] },
  {
    name: 'fresh request',
    path: 'public/app.js',
    code: "ZohoDeskAsap.invoke('login', async (ok) => { const r = await fetch('/t'); const d = await r.json(); ok(d.token) })",
    expect: [],
  },
  {
    name: 'fresh via helper',
    path: 'public/app.js',
    code: "async function getToken() { const r = await fetch('/t'); return (await r.json()).token }\nZohoDeskAsap.invoke('login', async (ok) => ok(await getToken()))",
    expect: [],
  },
]
