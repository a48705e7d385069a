/** Ruby on the jwt gem (ruby-jwt 2.x). */
export default `# gem install jwt
require "jwt"

# Mint a fresh token every time the widget's getJwtTokenCallback asks for one; never cache it.
def sign_asap_token(secret, email, first_name, last_name)
  now = (Time.now.to_f * 1000).to_i # milliseconds: Zoho reads not_before and not_after as ms
  claims = {
    email: email.strip.downcase,
    email_verified: true,
    not_before: now,
    not_after: now + 300_000, # 5 minutes; Zoho allows at most 10
    first_name: first_name,
    last_name: last_name
  }
  # No exp or iat: they are seconds by convention, and Zoho reads exp as ms.
  # The secret as the text shown on the ASAP setup page, never Base64.decode64(secret).
  JWT.encode(claims, secret, "HS256")
end

# token = sign_asap_token(ENV.fetch("ASAP_JWT_SECRET"), user.email, user.first_name, user.last_name)
`
