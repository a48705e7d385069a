import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createFileUserDirectory, parseUsersFile } from '../../src/desk/users-file.js'

const fixture = (name: string): string => readFileSync(new URL(`../fixtures/users/${name}`, import.meta.url), 'utf8')

describe('createFileUserDirectory on fixtures', () => {
  const csv = createFileUserDirectory(fixture('contacts-export.csv'), 'contacts-export.csv')
  const json = createFileUserDirectory(fixture('contacts-api.json'), 'contacts-api.json')
  const list = createFileUserDirectory(fixture('end-users.txt'), 'end-users.txt')

  it('describes what it read', () => {
    expect(csv.description).toBe('contacts file contacts-export.csv (CSV, 7 contacts)')
    expect(json.description).toBe('contacts file contacts-api.json (JSON, 5 contacts)')
    expect(list.description).toBe('contacts file end-users.txt (address list, 2 contacts)')
  })

  it.each([
    ['jane.doe@example.com', { kind: 'active-end-user', email: 'jane.doe@example.com', source: 'contacts file contacts-export.csv, line 2' }],
    ['pat.smith@example.com', { kind: 'case-mismatch', storedEmail: 'Pat.Smith@Example.com', source: 'contacts file contacts-export.csv, line 3' }],
    [' jane.doe@example.com', { kind: 'case-mismatch', storedEmail: 'jane.doe@example.com' }],
    ['sam@spam.example', { kind: 'spam', email: 'sam@spam.example', source: 'contacts file contacts-export.csv, line 5' }],
    ['guest-1@anon.example', { kind: 'anonymous' }],
    ['ola@example.no', { kind: 'not-end-user' }],
    ['dee@example.com', { kind: 'deactivated' }],
    ['ian@example.com', { kind: 'pending', state: 'Invited' }],
    ['nobody@example.com', { kind: 'no-contact', source: 'contacts file contacts-export.csv' }],
  ])('CSV: %s', async (email, expected) => {
    expect(await csv.lookup(email)).toMatchObject(expected)
  })

  it.each([
    ['jane.doe@example.com', { kind: 'active-end-user', source: 'contacts file contacts-api.json, item 1' }],
    ['SAM@spam.example', { kind: 'spam', email: 'sam@spam.example' }],
    ['guest-1@anon.example', { kind: 'anonymous' }],
    ['ola@example.no', { kind: 'not-end-user' }],
    ['dee@example.com', { kind: 'deactivated' }],
    ['nobody@example.com', { kind: 'no-contact' }],
  ])('JSON: %s', async (email, expected) => {
    expect(await json.lookup(email)).toMatchObject(expected)
  })

  it.each([
    ['jane.doe@example.com', { kind: 'active-end-user', source: 'contacts file end-users.txt, line 2' }],
    ['pat.smith@example.com', { kind: 'case-mismatch', storedEmail: 'Pat.Smith@Example.com' }],
    ['nobody@example.com', { kind: 'no-contact' }],
  ])('list: %s', async (email, expected) => {
    expect(await list.lookup(email)).toMatchObject(expected)
  })

  it('rejects an empty email', async () => {
    await expect(list.lookup('')).rejects.toMatchObject({ code: 'ERR_INPUT' })
  })
})

describe('parseUsersFile', () => {
  const emails = (text: string): string[] => parseUsersFile(text, 'f').records.map((record) => record.email)

  it.each([
    ['BOM + CRLF', '\uFEFFEmail,Is End User\r\na@x.io,true\r\n', ['a@x.io']],
    ['CR only', 'Email\ra@x.io\rb@x.io', ['a@x.io', 'b@x.io']],
    ['semicolons', 'Name;E-mail Address;Spam\n"Doe; Jane";a@x.io;no\n', ['a@x.io']],
    ['tabs', 'Email\tIs Spam\na@x.io\t0\n', ['a@x.io']],
    ['quoted header and cells', '"Email","Is End User"\n"a@x.io","TRUE"\n', ['a@x.io']],
    ['escaped quotes and newlines in a cell', 'Note,Email\n"said ""hi""\nthen left",a@x.io\n', ['a@x.io']],
    ['header only', 'Email,Status\n', []],
    ['blank lines and empty emails skipped', 'Email,Status\n\n,Active\na@x.io,Active\n\n', ['a@x.io']],
    ['short rows', 'Email,Is Spam,Status\na@x.io\n', ['a@x.io']],
    ['first matching column wins', 'Email,Primary Email\na@x.io,b@x.io\n', ['a@x.io']],
    ['Email ID header', 'Contact Name,Email ID\nJane,a@x.io\n', ['a@x.io']],
    ['JSON array', '[{"email":"a@x.io"},{"emailAddress":"b@x.io"}]', ['a@x.io', 'b@x.io']],
    ['JSON {data}', '{"data":[{"email":"a@x.io","isEndUser":"true"}]}', ['a@x.io']],
    ['JSON single contact', '{"email":"a@x.io","isSpam":false}', ['a@x.io']],
    ['JSON array of strings', '["a@x.io","b@x.io"]', ['a@x.io', 'b@x.io']],
    ['list with comments', '# users\na@x.io\n  b@x.io  \n', ['a@x.io', 'b@x.io']],
    ['comma-separated list', 'a@x.io, b@x.io\n', ['a@x.io', 'b@x.io']],
  ])('reads %s', (_name, text, expected) => {
    expect(emails(text)).toEqual(expected)
  })

  it('reads flags, status and isActive from CSV', () => {
    const [record] = parseUsersFile('Email,Is End User,Is Spam,Anonymous,Status,Active\na@x.io,yes,No,0,Pending Approval,y\n', 'f').records
    expect(record).toEqual({ email: 'a@x.io', isEndUser: true, isSpam: false, isAnonymous: false, status: 'Pending Approval', isActive: true, where: 'line 2' })
  })

  it('numbers lines across quoted line breaks', () => {
    const records = parseUsersFile('Note,Email\r\n"one\r\ntwo",a@x.io\r\nx,b@x.io\r\n', 'f').records
    expect(records.map((record) => record.where)).toEqual(['line 2', 'line 4'])
  })

  it.each([
    ['empty', '', 'users file bad.csv: the file is empty'],
    ['whitespace only', ' \n\t\n', 'users file bad.csv: the file is empty'],
    ['a BOM only', '\uFEFF', 'users file bad.csv: the file is empty'],
    ['CSV without an email column', 'Name,Phone\nJane,123\n', 'users file bad.csv: no email column in the CSV header (found: Name, Phone)'],
    ['an unterminated quote', 'Email,Note\na@x.io,"open\n', 'users file bad.csv: unterminated quoted field starting on line 2'],
    ['an unreadable flag', 'Email,Is Spam\na@x.io,maybe\n', 'users file bad.csv: line 2: "Is Spam" is "maybe", expected true/false or yes/no'],
    ['broken JSON', '{"data": [', 'users file bad.csv: not valid JSON'],
    ['JSON of the wrong shape', '{"contacts":[]}', 'users file bad.csv: JSON must be an array of contacts or an object with a "data" array'],
    ['JSON with a non-object item', '[1]', 'users file bad.csv: item 1 is not a contact object'],
    ['JSON with an unreadable flag', '[{"email":"a@x.io","isSpam":"sometimes"}]', 'users file bad.csv: item 1: isSpam is "sometimes", expected true or false'],
    ['a list with a non-address', 'a@x.io\njane\n', 'users file bad.csv: line 2 is not an email address: "jane"'],
    ['prose', 'hello world\n', 'users file bad.csv: the first line is neither an email address nor a CSV header with an Email column: "hello world"'],
  ])('rejects %s with one line naming the file', (_name, text, message) => {
    let error: unknown
    try {
      parseUsersFile(text, 'bad.csv')
    } catch (caught) {
      error = caught
    }
    expect(error).toMatchObject({ code: 'ERR_INPUT', message: expect.stringContaining(message) })
    expect(String(error instanceof Error ? error.message : '')).not.toContain('\n')
  })
})
