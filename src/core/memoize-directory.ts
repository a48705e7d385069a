import type { UserDirectory, UserLookupResult } from './types.js'

/**
 * One lookup per address per run: `org-id` and `help-center-user` both ask, and an online
 * directory must not send the same request twice (rate limits, and it is slower).
 */
export function memoizeDirectory(directory: UserDirectory): UserDirectory {
  const answers = new Map<string, Promise<UserLookupResult>>()
  return {
    description: directory.description,
    lookup(email) {
      let answer = answers.get(email)
      if (answer === undefined) {
        answer = directory.lookup(email)
        answers.set(email, answer)
      }
      return answer
    },
  }
}
