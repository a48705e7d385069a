/** Go on github.com/golang-jwt/jwt/v5 with MapClaims. */
export default `// go get github.com/golang-jwt/jwt/v5
package asap

import (
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// SignAsapToken mints a fresh token; call it every time the widget's getJwtTokenCallback asks, never cache it.
func SignAsapToken(secret, email, firstName, lastName string) (string, error) {
	now := time.Now().UnixMilli() // milliseconds: Zoho reads not_before and not_after as ms
	claims := jwt.MapClaims{
		"email":          strings.ToLower(strings.TrimSpace(email)),
		"email_verified": true,
		"not_before":     now,
		"not_after":      now + 300_000, // 5 minutes; Zoho allows at most 10
		"first_name":     firstName,
		"last_name":      lastName,
		// No "exp" or "iat" (jwt.RegisteredClaims): they are seconds, and Zoho reads exp as ms.
	}
	// The secret's raw bytes, never base64-decoded.
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(secret))
}

// token, err := asap.SignAsapToken(os.Getenv("ASAP_JWT_SECRET"), user.Email, user.FirstName, user.LastName)
`
