/** Python on PyJWT (2.x, where encode returns str). */
export default `# pip install PyJWT
import time

import jwt  # PyJWT


def sign_asap_token(secret, email, first_name, last_name):
    """Mint a fresh token every time the widget's getJwtTokenCallback asks for one; never cache it."""
    now = int(time.time() * 1000)  # milliseconds: Zoho reads not_before and not_after as ms
    claims = {
        "email": email.strip().lower(),
        "email_verified": True,
        "not_before": now,
        "not_after": now + 300_000,  # 5 minutes; Zoho allows at most 10
        "first_name": first_name,
        "last_name": last_name,
    }
    # No "exp" or "iat": PyJWT writes them in seconds, and Zoho reads exp as ms.
    # The secret as the text shown on the ASAP setup page, never base64-decoded.
    return jwt.encode(claims, secret, algorithm="HS256")


# token = sign_asap_token(os.environ["ASAP_JWT_SECRET"], user.email, user.first_name, user.last_name)
`
