import { describe, expect, it } from 'vitest'
import { languageOf } from '../../src/scan/classify.js'

describe('languageOf: which files the scanner reads, by name', () => {
  const cases: Array<[string, string | undefined]> = [
    ['src/app.js', 'javascript'],
    ['src/App.JSX', 'javascript'],
    ['lib/x.mjs', 'javascript'],
    ['src/page.tsx', 'typescript'],
    ['types/index.d.ts', undefined],
    ['types/INDEX.D.TS', undefined],
    ['src/d.ts', 'typescript'],
    ['dist/app.js.map', undefined],
    ['resources/views/help.blade.php', 'template'],
    ['resources/views/Help.Blade.PHP', 'template'],
    ['app/Http/Controllers/AsapController.php', 'php'],
    ['app/views/help/show.html.erb', 'template'],
    ['templates/help.html', 'html'],
    ['templates/help.jinja2', 'template'],
    ['src/Help.vue', 'vue'],
    ['Controllers/Asap.cs', 'csharp'],
    ['Views/Help.cshtml', 'template'],
    ['main.go', 'go'],
    ['views.py', 'python'],
    ['README', undefined],
    ['docs.d/notes', undefined],
    ['image.png', undefined],
  ]
  for (const [path, language] of cases) {
    it(`${path} → ${language ?? 'not read'}`, () => {
      expect(languageOf(path)).toBe(language)
    })
  }
})
