import { InputError } from '../core/errors.js'
import type { UserDirectory, UserLookupResult } from '../core/types.js'
import { isRecord, readBoolean } from './json.js'
import { findContact, judgeContact } from './verdict.js'
import type { ContactRecord } from './verdict.js'

/** How a users file was read. */
export type UsersFileFormat = 'csv' | 'json' | 'list'

/** The contacts found in a users file. */
export interface UsersFile {
  readonly format: UsersFileFormat
  readonly records: readonly ContactRecord[]
}

type Field = 'email' | 'isEndUser' | 'isSpam' | 'isAnonymous' | 'status' | 'isActive'

/**
 * Header names per field, compared lower-cased with everything but letters and digits removed
 * ("Is End User" → `isenduser`). Zoho's export headers are not documented; these are liberal guesses.
 */
const COLUMN_ALIASES: Readonly<Record<Field, readonly string[]>> = {
  email: ['email', 'emailaddress', 'emailid', 'primaryemail', 'contactemail', 'contactemailaddress', 'mail'],
  isEndUser: ['isenduser', 'enduser', 'helpcenteruser', 'ishelpcenteruser', 'portaluser', 'isportaluser'],
  isSpam: ['isspam', 'spam', 'markedasspam', 'spamcontact', 'isspamcontact'],
  isAnonymous: ['isanonymous', 'anonymous', 'anonymouscontact', 'isanonymouscontact'],
  status: ['status', 'userstatus', 'enduserstatus', 'helpcenterstatus', 'helpcenteruserstatus', 'portalstatus', 'portaluserstatus'],
  isActive: ['isactive', 'active'],
}

const FIELD_LABELS: Readonly<Record<Exclude<Field, 'email' | 'status'>, string>> = {
  isEndUser: 'isEndUser',
  isSpam: 'isSpam',
  isAnonymous: 'isAnonymous',
  isActive: 'isActive',
}

const FORMAT_LABELS: Readonly<Record<UsersFileFormat, string>> = { csv: 'CSV', json: 'JSON', list: 'address list' }

const EMAIL_LIKE = /^[^\s@,;"<>]+@[^\s@,;"<>]+$/

/**
 * Reads a Zoho Desk contacts export given as text: CSV (header row, quoted fields, BOM, CRLF; `,`, `;`
 * or tab separated), JSON (an array of contacts, or `{ "data": [...] }` as the API returns), or a plain
 * list of addresses, one per line (`#` comments allowed), which means "these are active end users".
 * A column or field that is absent is unknown and does not block: a file without an "Is End User"
 * column lists end users.
 *
 * @throws InputError `ERR_INPUT`, one line naming the file and the problem.
 * @example
 * parseUsersFile('Email,Is End User\njane@example.com,true\n', 'users.csv').records
 * // [{ email: 'jane@example.com', isEndUser: true, where: 'line 2' }]
 */
export function parseUsersFile(text: string, fileName: string): UsersFile {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  const trimmed = body.trim()
  if (trimmed === '') throw inputError(fileName, 'the file is empty')
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return { format: 'json', records: parseJson(trimmed, fileName) }

  const firstLine = trimmed.split(/\r\n|\n|\r/).find((line) => line.trim() !== '' && !line.trim().startsWith('#')) ?? ''
  const delimiter = detectDelimiter(firstLine, fileName)
  const headerCells = delimiter === undefined ? [firstLine.trim()] : splitLine(firstLine, delimiter, fileName)
  if (headerCells.some((cell) => columnField(cell) === 'email')) {
    return { format: 'csv', records: parseCsv(body, delimiter ?? ',', fileName) }
  }
  if (headerCells.every((cell) => EMAIL_LIKE.test(cell.trim().replace(/^"|"$/g, '')))) return { format: 'list', records: parseList(body, fileName) }
  if (delimiter !== undefined) {
    throw inputError(fileName, `no email column in the CSV header (found: ${headerCells.map((cell) => cell.trim()).join(', ')})`)
  }
  throw inputError(fileName, `the first line is neither an email address nor a CSV header with an Email column: ${JSON.stringify(firstLine.slice(0, 60))}`)
}

/**
 * The offline {@link UserDirectory} behind `--users FILE`: answers from a contacts export with the
 * same verdicts as the Desk API lookup (no-contact, not-end-user, spam, anonymous, deactivated,
 * pending, case-mismatch, active-end-user).
 *
 * @throws InputError `ERR_INPUT` when the file cannot be read as CSV, JSON or a list of addresses.
 * @example
 * const users = createFileUserDirectory('jane@example.com\n', 'users.txt')
 * await users.lookup('Jane@example.com') // { kind: 'case-mismatch', storedEmail: 'jane@example.com', source: 'contacts file users.txt, line 1' }
 */
export function createFileUserDirectory(text: string, fileName: string): UserDirectory {
  const file = parseUsersFile(text, fileName)
  const source = `contacts file ${fileName}`
  const count = file.records.length
  return {
    description: `${source} (${FORMAT_LABELS[file.format]}, ${count} contact${count === 1 ? '' : 's'})`,
    async lookup(email: string): Promise<UserLookupResult> {
      if (email.trim() === '') throw new InputError('ERR_INPUT', 'no email to look up')
      const match = findContact(email, file.records)
      return match === undefined ? { kind: 'no-contact', source } : judgeContact(match, source)
    },
  }
}

function parseList(body: string, fileName: string): ContactRecord[] {
  const records: ContactRecord[] = []
  const lines = body.split(/\r?\n|\r/)
  for (const [index, raw] of lines.entries()) {
    if (raw.trim().startsWith('#')) continue
    for (const part of raw.split(/[,;\t]/)) {
      const cell = part
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .trim()
      if (cell === '') continue
      if (!EMAIL_LIKE.test(cell)) throw inputError(fileName, `line ${index + 1} is not an email address: ${JSON.stringify(cell.slice(0, 60))}`)
      records.push({ email: cell, where: `line ${index + 1}` })
    }
  }
  return records
}

function parseCsv(body: string, delimiter: string, fileName: string): ContactRecord[] {
  const rows = parseCsvRows(body, delimiter, fileName)
  const header = rows[0]
  if (header === undefined) return []
  const columns = new Map<Field, { index: number; name: string }>()
  for (const [index, name] of header.cells.entries()) {
    const field = columnField(name)
    if (field !== undefined && !columns.has(field)) columns.set(field, { index, name: name.trim() })
  }
  const emailColumn = columns.get('email')
  if (emailColumn === undefined) throw inputError(fileName, 'no email column in the CSV header')

  const records: ContactRecord[] = []
  for (const row of rows.slice(1)) {
    const email = row.cells[emailColumn.index]?.trim() ?? ''
    if (email === '') continue
    const where = `line ${row.line}`
    const flag = (field: Exclude<Field, 'email' | 'status'>): boolean | undefined => {
      const column = columns.get(field)
      if (column === undefined) return undefined
      const cell = row.cells[column.index]
      const value = readBoolean(cell)
      if (value === null) throw inputError(fileName, `${where}: "${column.name}" is ${JSON.stringify(cell)}, expected true/false or yes/no`)
      return value
    }
    const statusColumn = columns.get('status')
    records.push(contactRecord(email, where, flag, statusColumn === undefined ? undefined : row.cells[statusColumn.index]))
  }
  return records
}

function parseJson(text: string, fileName: string): ContactRecord[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw inputError(fileName, `not valid JSON (${reason})`)
  }
  const items = Array.isArray(value)
    ? value
    : isRecord(value) && Array.isArray(value['data'])
      ? value['data']
      : isRecord(value) && 'email' in value
        ? [value]
        : undefined
  if (items === undefined) throw inputError(fileName, 'JSON must be an array of contacts or an object with a "data" array')

  const records: ContactRecord[] = []
  for (const [index, item] of items.entries()) {
    const where = `item ${index + 1}`
    if (typeof item === 'string') {
      if (item.trim() === '') continue
      if (!EMAIL_LIKE.test(item.trim())) throw inputError(fileName, `${where} is not an email address: ${JSON.stringify(item.slice(0, 60))}`)
      records.push({ email: item.trim(), where })
      continue
    }
    if (!isRecord(item)) throw inputError(fileName, `${where} is not a contact object`)
    const email = [item['email'], item['emailAddress'], item['Email']].find((candidate) => typeof candidate === 'string')
    // Desk contacts may have no email at all; they cannot be the user being looked up.
    if (typeof email !== 'string' || email.trim() === '') continue
    const flag = (field: Exclude<Field, 'email' | 'status'>): boolean | undefined => {
      const raw = item[field]
      const parsed = readBoolean(raw)
      if (parsed === null) throw inputError(fileName, `${where}: ${FIELD_LABELS[field]} is ${JSON.stringify(raw)}, expected true or false`)
      return parsed
    }
    const status = [item['status'], item['userStatus']].find((candidate) => typeof candidate === 'string')
    records.push(contactRecord(email, where, flag, typeof status === 'string' ? status : undefined))
  }
  return records
}

function columnField(header: string): Field | undefined {
  const key = header.toLowerCase().replace(/[^a-z0-9]/g, '')
  for (const [field, aliases] of Object.entries(COLUMN_ALIASES)) {
    if (aliases.includes(key) && isField(field)) return field
  }
  return undefined
}

function isField(value: string): value is Field {
  return value in COLUMN_ALIASES
}

/** The separator of the header line: the most frequent of `,`, `;` and tab outside quotes. */
function detectDelimiter(line: string, fileName: string): string | undefined {
  let best: string | undefined
  let bestCount = 0
  for (const delimiter of [',', ';', '\t']) {
    const count = splitLine(line, delimiter, fileName).length - 1
    if (count > bestCount) {
      best = delimiter
      bestCount = count
    }
  }
  return best
}

function splitLine(line: string, delimiter: string, fileName: string): string[] {
  return parseCsvRows(line, delimiter, fileName)[0]?.cells ?? []
}

/**
 * RFC 4180 rows: `"` quotes fields, `""` is a quote, quoted fields may hold separators and line
 * breaks; rows end at CRLF, LF or CR. Blank lines are dropped. `line` is where a row starts.
 */
function parseCsvRows(text: string, delimiter: string, fileName: string): { readonly line: number; readonly cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  let quoteLine = 1
  const endRow = (): void => {
    cells.push(cell)
    if (cells.length > 1 || cells[0]?.trim() !== '') rows.push({ line: rowLine, cells })
    cells = []
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else {
          quoted = false
        }
      } else {
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++
        cell += char
      }
      continue
    }
    if (char === '"' && cell.trim() === '') {
      quoted = true
      quoteLine = line
      cell = ''
    } else if (char === delimiter) {
      cells.push(cell)
      cell = ''
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else {
      cell += char
    }
  }
  if (quoted) throw inputError(fileName, `unterminated quoted field starting on line ${quoteLine}`)
  endRow()
  return rows
}

function inputError(fileName: string, problem: string): InputError {
  return new InputError('ERR_INPUT', `users file ${fileName}: ${problem}`)
}

/** One contact, the same shape whichever format it came from; a blank status counts as none. */
function contactRecord(
  email: string,
  where: string,
  flag: (field: Exclude<Field, 'email' | 'status'>) => boolean | undefined,
  status: string | undefined,
): ContactRecord {
  const trimmed = status?.trim()
  return {
    email,
    isEndUser: flag('isEndUser'),
    isSpam: flag('isSpam'),
    isAnonymous: flag('isAnonymous'),
    isActive: flag('isActive'),
    status: trimmed === undefined || trimmed === '' ? undefined : trimmed,
    where,
  }
}
