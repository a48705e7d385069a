/**
 * Node.js on jose (not jsonwebtoken): jose is one of the two usual libraries, has no `expiresIn`
 * shortcut that writes seconds into exp, and runs on Node, Deno, Bun and edge workers alike.
 */
export default `// npm install jose
import { SignJWT } from 'jose'

// Mint a fresh token every time the widget's getJwtTokenCallback asks for one; never cache it.
export async function signAsapToken(secret, email, firstName, lastName) {
  const now = Date.now() // milliseconds: Zoho reads not_before and not_after as ms
  return new SignJWT({
    email: email.trim().toLowerCase(),
    email_verified: true,
    not_before: now,
    not_after: now + 300_000, // 5 minutes; Zoho allows at most 10
    first_name: firstName,
    last_name: lastName,
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    // No setExpirationTime() or setIssuedAt(): they write seconds, and Zoho reads exp as ms.
    .sign(new TextEncoder().encode(secret)) // the secret's raw UTF-8 bytes, never base64-decoded
}

// const token = await signAsapToken(process.env.ASAP_JWT_SECRET, user.email, user.firstName, user.lastName)
`
