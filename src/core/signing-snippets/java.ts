/** Java on jjwt (0.12.x API: header(), claim(), signWith(key, Jwts.SIG.HS256)). */
export default `// Maven: io.jsonwebtoken:jjwt-api, jjwt-impl and jjwt-jackson 0.12.x
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

public final class AsapToken {
    // Mint a fresh token every time the widget's getJwtTokenCallback asks for one; never cache it.
    public static String sign(String secret, String email, String firstName, String lastName) {
        long now = System.currentTimeMillis(); // milliseconds: Zoho reads not_before and not_after as ms
        return Jwts.builder()
                .header().add("typ", "JWT").and()
                .claim("email", email.trim().toLowerCase(Locale.ROOT))
                .claim("email_verified", true)
                .claim("not_before", now)
                .claim("not_after", now + 300_000L) // 5 minutes; Zoho allows at most 10
                .claim("first_name", firstName)
                .claim("last_name", lastName)
                // No expiration() or issuedAt(): they write seconds, and Zoho reads exp as ms.
                // The secret's raw UTF-8 bytes (secretKey.getBytes() in Zoho's sample), never base64-decoded.
                // jjwt refuses keys under 32 bytes (WeakKeyException); Zoho's secret is used as it is.
                .signWith(Keys.hmacShaKeyFor(secret.getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
    }
}

// String token = AsapToken.sign(System.getenv("ASAP_JWT_SECRET"), user.getEmail(), user.getFirstName(), user.getLastName());
`
