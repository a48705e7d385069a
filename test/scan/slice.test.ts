/// <reference types="vite/client" />
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { allRules } from '../../src/rules/index.js'
import { scanReport } from '../../src/scan/build-report.js'
import { parseProgram } from '../../src/scan/js/parse.js'
import { relevantSegments, type Scanned, scan } from '../../src/scan/js/slice.js'
import { type FileScan, scanFile, sourceFile } from '../../src/scan/scan-file.js'
import type { RuleCase } from '../rules/case-types.js'

const tables = import.meta.glob<{ cases: readonly RuleCase[] }>('../rules/*.cases.ts', { eager: true })
const NEVER = Number.POSITIVE_INFINITY

/** The kept statements of a script, as text (trimmed), or undefined when the slicer gives up. */
function kept(text: string, anchors: RegExp[], followsUsers = true): string[] | undefined {
  const segments = relevantSegments(
    text,
    anchors.map((pattern) => ({ pattern, followsUsers })),
  )
  return segments?.map((segment) => text.slice(segment.start, segment.end).trim())
}

describe('relevantSegments: which top-level statements a scan parses', () => {
  const cases: Array<{ name: string; code: string; anchors?: RegExp[]; followsUsers?: boolean; keep: string[] | undefined }> = [
    {
      name: 'a signer among unrelated helpers: the signer and the import it uses',
      code: "import jwt from 'jsonwebtoken'\nimport { sum } from './math'\nexport function total(a) { return sum(a) }\nexport const mint = (u) => jwt.sign({ email_verified: true }, key)\nexport function other() { return 1 }",
      keep: ["import jwt from 'jsonwebtoken'", 'export const mint = (u) => jwt.sign({ email_verified: true }, key)'],
    },
    {
      name: 'the declarations an anchor uses, transitively (a window constant, its helper)',
      code: 'const MINUTE = 60000\nconst WINDOW = 5 * MINUTE\nfunction unrelated() { return 2 }\nfunction claims(u) { return { email_verified: true, not_after: Date.now() + WINDOW } }',
      keep: ['const MINUTE = 60000\nconst WINDOW = 5 * MINUTE', 'function claims(u) { return { email_verified: true, not_after: Date.now() + WINDOW } }'],
    },
    {
      name: 'what uses an anchor statement, transitively (the sign call two helpers away)',
      code: 'function claims(u) { return { email_verified: true } }\nfunction payload(u) { return { ...claims(u), exp: 1 } }\nfunction noise() { return 3 }\nexport const token = (u) => sign(payload(u))',
      keep: [
        'function claims(u) { return { email_verified: true } }\nfunction payload(u) { return { ...claims(u), exp: 1 } }',
        'export const token = (u) => sign(payload(u))',
      ],
    },
    {
      name: 'not the users, for rules that do not follow values to them (a bundle of modules that all use one helper)',
      code: 'var helper = (x) => x\nvar a = helper(ZohoDeskAsap)\nvar b = helper(a)\nvar c = helper(2)',
      followsUsers: false,
      keep: ['var helper = (x) => x\nvar a = helper(ZohoDeskAsap)'],
    },
    {
      name: 'a regular expression with a quote inside a template hole',
      code: 'function quote(t) {\n  return `"${t.replace(/["\\\\]/g, (c) => "\\\\" + c)}"`\n}\nfunction noise() { return 1 }\nZohoDeskAsapReady(() => quote(1))',
      keep: ['function quote(t) {\n  return `"${t.replace(/["\\\\]/g, (c) => "\\\\" + c)}"`\n}', 'ZohoDeskAsapReady(() => quote(1))'],
    },
    {
      name: 'not the users of an import (an import used everywhere would keep the whole file)',
      code: "import { ZohoDeskAsap } from './asap'\nexport function a() { return ZohoDeskAsap }\nexport function b() { return 1 }",
      keep: ["import { ZohoDeskAsap } from './asap'\nexport function a() { return ZohoDeskAsap }"],
    },
    {
      name: 'a destructured and a comma-separated declaration declare every name',
      code: 'const { token, other: renamed } = load(), cached = 1\nfunction noise() { return 4 }\nZohoDeskAsapReady(() => use(renamed, cached))',
      keep: ['const { token, other: renamed } = load(), cached = 1', 'ZohoDeskAsapReady(() => use(renamed, cached))'],
    },
    {
      name: 'minified: statements split at top-level semicolons',
      code: 'function a(){return 1};function b(){return 2};window.ZohoDeskAsapReady(function(){a()});var c=3',
      keep: ['function a(){return 1};', 'window.ZohoDeskAsapReady(function(){a()});'],
    },
    {
      name: 'if/else and do/while stay one statement across `;`',
      code: 'if (x) ZohoDeskAsap.invoke("login"); else y();\ndo f(); while (z);\nfunction noise() { return 5 }',
      keep: ['if (x) ZohoDeskAsap.invoke("login"); else y();'],
    },
    {
      name: 'a keyword on the next line after `export` or `=` belongs to the same statement',
      code: 'export\nconst a = 1\nconst f =\nfunction () { return ZohoDeskAsap }\nfunction noise() {}',
      keep: ['const f =\nfunction () { return ZohoDeskAsap }'],
    },
    {
      name: 'braces and quotes inside strings, templates, regular expressions and comments do not count',
      code: "const a = '{'\nconst b = `}${'{'}`\nconst r = /[}]/g // }\n/* { */\nfunction noise() { return a + b + r }\nZohoDeskAsapReady(() => 1)",
      keep: ['ZohoDeskAsapReady(() => 1)'],
    },
    {
      name: 'a `/` after a value divides',
      code: 'const half = total / 2 / 1\nfunction noise() { return half }\nZohoDeskAsapReady(() => 1)',
      keep: ['ZohoDeskAsapReady(() => 1)'],
    },
    { name: 'gives up on an unterminated string', code: "const a = 'oops\nZohoDeskAsapReady(() => 1)\nfunction b() {}", keep: undefined },
    { name: 'gives up on brackets that do not balance', code: 'function a() {\nZohoDeskAsapReady(() => 1)\nfunction b() {}', keep: undefined },
    { name: 'nothing to drop: undefined (parse the whole)', code: 'function a() { return ZohoDeskAsap }\nfunction b() { return a() }', keep: undefined },
    { name: 'no anchor at all: undefined', code: 'function a() {}\nfunction b() {}', keep: undefined },
  ]
  for (const testCase of cases) {
    it(testCase.name, () => {
      expect(kept(testCase.code, testCase.anchors ?? [/ZohoDeskAsap|email_verified/], testCase.followsUsers)).toEqual(testCase.keep)
    })
  }
})

// Code with nothing for any rule, to bury a case in: a large file, as in a real tree.
const NOISE = Array.from(
  { length: 60 },
  (_, n) =>
    `export function helper${n}(list, options = {}) {\n  const out = []\n  for (let i = 0; i < list.length; i += 1) if (i % ${n + 2} === 0) out.push({ value: list[i] / 2, label: \`item-\${i}\` })\n  return out.slice(0, options.limit || ${n + 10})\n}\n`,
).join('\n')

const JS_LIKE = /\.(?:[cm]?[jt]sx?)$/

function essence(scan: FileScan) {
  return {
    findings: scan.findings.map((finding) => [finding.ruleId, finding.messageId, finding.span.start, finding.span.end]),
    deferred: scan.deferred.map((finding) => [finding.ruleId, finding.messageId, finding.span.start]),
    crashed: scan.crashed,
    loose: scan.notes.filter((note) => note.includes('acorn-loose')).length,
  }
}

/** The message ids a case's file gets in a report (as in rules.test.ts), scanned with `sliceFrom`. */
function reported(testCase: RuleCase, code: string, sliceFrom: number): string[] {
  const rule = allRules.find(
    (candidate) => `../rules/${candidate.id}.cases.ts` in tables && tables[`../rules/${candidate.id}.cases.ts`]?.cases.includes(testCase),
  )
  if (rule === undefined) throw new Error(`no rule for case ${testCase.name}`)
  const file = sourceFile(testCase.path, code)
  if (file === undefined) throw new Error(`not scanned: ${testCase.path}`)
  const others = (testCase.tree ?? []).map((other) => sourceFile(other.path, other.code)).filter((other) => other !== undefined)
  const config = testCase.config ?? {}
  const scans = [scanFile(file, [rule], config, sliceFrom), ...others.map((other) => scanFile(other, [rule], config, sliceFrom))]
  const report = scanReport(scans, [rule], { toolVersion: '0', now: 0, strict: false, scannedFiles: scans.length })
  return report.subjects.find((subject) => subject.source.ref === testCase.path)?.checks.map((check) => check.messageId) ?? []
}

describe('parseProgram on a sliced script', () => {
  it('ends a kept statement where the dropped one after it began (no call across the gap)', () => {
    const code = 'const a = ZohoDeskAsap.x\nfunction noise() {}\n;(function () { ZohoDeskAsapReady(a) })()'
    const parsed = parseProgram(code, { typescript: false, jsx: false, anchors: [{ pattern: /ZohoDeskAsap/, followsUsers: false }], sliceFrom: 0 })
    const body = (parsed?.program.body ?? []) as Array<{ type: string; declarations?: Array<{ init: { type: string } }> }>
    expect(body.map((node) => node.type)).toEqual(['VariableDeclaration', 'ExpressionStatement'])
    expect(body[0]?.declarations?.[0]?.init.type).toBe('MemberExpression')
  })

  it('keeps offsets: a node starts where its code is in the file', () => {
    const code = `${'function noise() { return 1 }\n'.repeat(200)}export const t = () => ZohoDeskAsap.invoke('login')`
    const parsed = parseProgram(code, { typescript: false, jsx: false, anchors: [{ pattern: /ZohoDeskAsap/, followsUsers: false }] })
    const body = (parsed?.program.body ?? []) as Array<{ start: number; end: number }>
    expect(body.length).toBe(1)
    expect(code.slice(body[0]?.start, body[0]?.end)).toBe("export const t = () => ZohoDeskAsap.invoke('login')")
  })
})

describe('slicing changes no finding: every rule case, parsed whole and sliced', () => {
  for (const [table, { cases }] of Object.entries(tables)) {
    for (const testCase of cases) {
      const name = `${table.replace(/^.*\//, '').replace('.cases.ts', '')}: ${testCase.name}`
      it(`${name}`, () => {
        const file = sourceFile(testCase.path, testCase.code)
        if (file === undefined) return
        expect(essence(scanFile(file, allRules, testCase.config ?? {}, 0))).toEqual(essence(scanFile(file, allRules, testCase.config ?? {}, NEVER)))
      })
      // Buried in a large file of unrelated code, the case still yields exactly its message ids.
      if (JS_LIKE.test(testCase.path)) {
        it(`${name} (buried in unrelated code)`, () => {
          const directive = /^\s*(['"])use (?:client|server)\1;?\n?/.exec(testCase.code)?.[0] ?? ''
          const buried = `${directive}${NOISE}\n${testCase.code.slice(directive.length)}\n;\n${NOISE.replaceAll('helper', 'more')}`
          expect(reported(testCase, buried, 0)).toEqual(testCase.expect)
          expect(reported(testCase, buried, NEVER)).toEqual(testCase.expect)
        })
      }
    }
  }
})

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else yield path
  }
}

describe('slicing changes no finding: the fixture apps', () => {
  for (const path of filesUnder('fixtures/scan')) {
    const file = sourceFile(path, readFileSync(path, 'utf8'))
    if (file === undefined) continue
    it(path, () => {
      expect(essence(scanFile(file, allRules, {}, 0))).toEqual(essence(scanFile(file, allRules, {}, NEVER)))
    })
  }
})

/** The statements as plain data: where each starts, what it declares, whether it is an import. */
function statements(result: Scanned[] | undefined) {
  return result?.map((statement) => ({ start: statement.start, declares: [...statement.declares].sort(), isImport: statement.isImport }))
}

// The scanner runs in WebAssembly (statement-scanner.wat); the JavaScript loop it stands for must
// split every text the same way, declare the same names, and give up on the same texts.
describe('the WebAssembly statement scanner splits scripts as the JavaScript loop does', () => {
  const same = (text: string) => expect(statements(scan(text, true))).toEqual(statements(scan(text, false)))
  const tricky: Array<[string, string]> = [
    ['a regular expression after a keyword, with a bracket inside', 'function f(a) { return /}/.test(a) }\nconst b = 1'],
    ['after typeof, in, of, case, void, yield, await', 'f(() => { typeof /]/; for (x of /a/) {} switch (y) { case /)/: } void /{/ })\nlet z'],
    ['a division after a value, a word, a bracket', 'g(a / 2, (b) / 3, c[0] / 4, 5 / d / e)\nvar q'],
    ['a regular expression with a class holding `/` and `]`', 'h(/[/\\]]+/g, x)\nconst r = 2'],
    ['a regular expression after a regular expression divides', 'i(/a/ / 2)\nlet s'],
    [
      'template holes with nested templates, strings, comments and regexes',
      'j(`a${`b${"}"}`}c${/* } */ 1}d${x.replace(/[`}]/g, "")}e${f(/x/)}` + `${// }\n1}`)\nconst t = 3',
    ],
    ['a regex at the start of a hole, after a keyword in a hole', 'k(`${/}/.source}${typeof /{/}`)\nvar u'],
    ['line and block comments holding brackets', 'l(a, // )\n b /* ) } ] */, c)\nconst v = 4'],
    ['spread and rest, a regular expression after a spread', 'm(...a, [...b], { ...c }, .../}/.exec(d))\nlet w'],
    ['strings with escaped quotes and brackets', "n('\\')', \"\\\"}\", '{')\nvar x"],
    ['words from 128 up, a no-break space, a line separator, a lone surrogate', 'o(\u00fcber, \u00a0a\u2028b, "\ud800", \ud800)\nconst y = 5'],
    ['nested groups of every kind', 'p({ a: [1, (2), { b: [() => { return [/]/] }] }] })\nconst z = 6'],
    ['a destructuring pattern and an import list are read, not skipped', "import { a, b as c } from 'm'\nconst { d, e: [f] } = g\nh(d)"],
    // Each text below would balance if the scanner read on past the line break.
    ['gives up on a string that does not end on its line, in a group', "q('oops\n)\nconst a = 1\n')"],
    ['and on a regular expression that does not', 's(x, /oops\n)\nconst a = 1\n/)'],
    ['gives up on an unterminated template in a group', 'r(`oops)\nconst a = 1'],
    ['gives up on an unterminated block comment in a group', 't(/* oops )\nconst a = 1'],
    ['gives up on a group that never closes', 'u(a, { b: [c]\nconst a = 1'],
    ['gives up on a line comment that runs to the end in a group', 'v(a, // oops )'],
    ['a group at the very end', 'const a = 1\nw(a)'],
    ['a `;` ends a declaration even where no statement begins after it', 'var a = 1; while, b\nf(b)'],
  ]
  for (const [name, text] of tricky) it(name, () => same(text))

  it('more declared names than the WebAssembly output holds: the JavaScript loop takes over', () => {
    // A name every two characters: more pairs than the room for one per four characters.
    const text = `var ${Array.from({ length: 5000 }, (_, k) => 'abcdefghij'[k % 10]).join(',')}\nf(a)`
    same(text)
    expect(statements(scan(text))?.[0]?.declares).toEqual([...'abcdefghij'])
  })

  it('on every rule case, alone and buried in unrelated code', () => {
    for (const { cases } of Object.values(tables)) {
      for (const testCase of cases) {
        same(testCase.code)
        same(`${NOISE}\n${testCase.code}\n;\n${NOISE}`)
      }
    }
  })

  it('on every fixture file', () => {
    for (const path of filesUnder('fixtures/scan')) same(readFileSync(path, 'utf8'))
  })

  it('on random code made of tokens and balanced brackets, most of it scannable (property)', () => {
    const CLOSE: Record<string, string> = { '(': ')', '[': ']', '{': '}' }
    const token = fc.constantFrom(
      ...['export', 'default', 'import', 'from', 'as', 'const', 'let', 'var', 'function', 'class', 'async', 'await', 'return'],
      ...['else', 'while', 'catch', 'finally', 'in', 'instanceof', 'of', 'satisfies', 'declare', 'abstract', 'typeof', 'new', 'do'],
      ...['a', 'b', 'x1', '$y', '_z', '\u00fcber', '1', '2.5', ';', ',', '=', ':', '.', '*', '+', '-', '/', '...', '?', '=>', '!'],
      ...["'s'", '"t"', '`a${x}b`', '/r[/]/g', '/* c */', '/*\n*/', '// c\n'],
    )
    const separator = fc.constantFrom(' ', ' ', '\n', '')
    const { seq } = fc.letrec<{ seq: string; unit: string }>((tie) => ({
      seq: fc.array(tie('unit'), { maxLength: 10 }).map((parts) => parts.join('')),
      unit: fc.oneof(
        { depthSize: 'small' },
        fc.tuple(token, separator).map(([text, after]) => text + after),
        fc.tuple(fc.constantFrom('(', '[', '{'), tie('seq'), separator).map(([open, inner, after]) => `${open}${inner}${CLOSE[open]}${after}`),
      ),
    }))
    let scanned = 0
    fc.assert(
      fc.property(seq, (text) => {
        same(text)
        if (scan(text, false) !== undefined) scanned += 1
      }),
      { numRuns: 20_000 },
    )
    // Most texts must be scannable, or the property would only compare giving up.
    expect(scanned).toBeGreaterThan(5_000)
  })

  it('on random text made of the characters that matter (property)', () => {
    const unit = fc.constantFrom(
      ...'{}()[]/\'"`$*\\\n ;,=.:!?+-<>|&abcfinortuxyz01_',
      'return',
      'typeof',
      'of',
      'case',
      'const',
      'import',
      'function',
      '${',
      '//',
      '/*',
      '*/',
      '\u00a0',
      '\u2028',
      '\u00fc',
    )
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), (parts) => {
        same(parts.join(''))
      }),
      { numRuns: 20_000 },
    )
  })
})
