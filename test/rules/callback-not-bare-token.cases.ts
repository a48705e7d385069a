import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of callback-not-bare-token: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  {
    name: 'parsed body',
    path: 'public/app.js',
    code: "ZohoDeskAsap.invoke('login', (ok) => { fetch('/t').then((r) => r.json()).then((data) => ok(data)) })",
    expect: ['not-bare'],
  },
  {
    name: 'field of the body',
    path: 'public/app.js',
    code: "ZohoDeskAsap.invoke('login', (ok) => { fetch('/t').then((r) => r.json()).then((data) => ok(data.token)) })",
    expect: [],
  },
  {
    name: 'Bearer prefix',
    path: 'public/app.js',
    code: "ZohoDeskAsap.invoke('login', async (ok) => { const { token } = await (await fetch('/t')).json(); ok('Bearer ' + token) })",
    expect: ['not-bare'],
  },
  {
    name: 'JSON.stringify',
    path: 'public/app.js',
    code: "ZohoDeskAsap.invoke('login', async (ok) => { const d = await (await fetch('/t')).json(); ok(JSON.stringify(d.token)) })",
    expect: ['not-bare'],
  },
  {
    name: 'template with text',
    path: 'public/app.js',
    code: "ZohoDeskAsap.invoke('login', async (ok) => { const d = await (await fetch('/t')).json(); ok(`jwt=${d.token}`) })",
    expect: ['not-bare'],
  },
  {
    name: 'text body passed on',
    path: 'public/app.js',
    code: "ZohoDeskAsap.invoke('login', (ok, fail) => fetch('/t').then((r) => r.text()).then(ok, fail))",
    expect: [],
  },
  { name: 'Response passed on', path: 'public/app.js', code: "ZohoDeskAsap.invoke('login', (ok) => fetch('/t').then(ok))", expect: ['not-bare'] },
  {
    name: 'await text',
    path: 'public/app.js',
    code: "ZohoDeskAsap.invoke('login', async (ok) => { const r = await fetch('/t'); ok(await r.text()) })",
    expect: [],
  },
  {
    name: 'text() of an endpoint answered with JSON in the same tree',
    path: 'public/app.js',
    code: "ZohoDeskAsap.invoke('login', (ok, fail) => fetch('/asap/jwt').then((r) => r.text()).then(ok, fail))\n// server.js of the same tree: app.get('/asap/jwt', (req, res) => res.json({ token }))",
    expect: ['text-of-json'],
    tree: [{ path: 'server.js', code: "const express = require('express')\napp.get('/asap/jwt', (req, res) => {\n  res.json({ token: mint(req.user) })\n})" }],
  },
  {
    name: 'text() of an endpoint that answers with the bare token',
    path: 'public/app.js',
    code: "ZohoDeskAsap.invoke('login', (ok, fail) => fetch('/asap/jwt').then((r) => r.text()).then(ok, fail))",
    expect: [],
    tree: [
      {
        path: 'server.js',
        code: "const express = require('express')\napp.get('/asap/jwt', (req, res) => {\n  res.type('text/plain').send(mint(req.user))\n})",
      },
    ],
  },
]
