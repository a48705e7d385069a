// Character codes the scanner's JavaScript loops compare with (slice.ts, comment-skeleton.ts):
// plain constants, since a `const enum` is not inlined under isolatedModules.
export const TAB = 9
export const NEWLINE = 10
export const CARRIAGE_RETURN = 13
export const SPACE = 32
export const DOUBLE_QUOTE = 34
export const HASH = 35
export const DOLLAR = 36
export const QUOTE = 39
export const OPEN_PAREN = 40
export const CLOSE_PAREN = 41
export const STAR = 42
export const COMMA = 44
export const DOT = 46
export const SLASH = 47
export const COLON = 58
export const SEMICOLON = 59
export const EQUALS = 61
export const OPEN_BRACKET = 91
export const BACKSLASH = 92
export const CLOSE_BRACKET = 93
export const UNDERSCORE = 95
export const BACKTICK = 96
export const OPEN_BRACE = 123
export const CLOSE_BRACE = 125
