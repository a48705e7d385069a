/** C# on System.IdentityModel.Tokens.Jwt (JwtSecurityToken with a hand-built JwtPayload). */
export default `// dotnet add package System.IdentityModel.Tokens.Jwt
using System;
using System.IdentityModel.Tokens.Jwt;
using System.Text;
using Microsoft.IdentityModel.Tokens;

public static class AsapToken
{
    // Mint a fresh token every time the widget's getJwtTokenCallback asks for one; never cache it.
    public static string Sign(string secret, string email, string firstName, string lastName)
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(); // milliseconds: Zoho reads not_before and not_after as ms
        // The secret's raw UTF-8 bytes, never Convert.FromBase64String(secret).
        var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret));
        var header = new JwtHeader(new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        var payload = new JwtPayload
        {
            { "email", email.Trim().ToLowerInvariant() },
            { "email_verified", true },
            { "not_before", now },
            { "not_after", now + 300_000 }, // 5 minutes; Zoho allows at most 10
            { "first_name", firstName },
            { "last_name", lastName },
        };
        // A bare JwtPayload, not a SecurityTokenDescriptor: that one adds nbf, exp and iat in seconds,
        // and Zoho reads exp as ms.
        return new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(header, payload));
    }
}

// var token = AsapToken.Sign(Environment.GetEnvironmentVariable("ASAP_JWT_SECRET"), user.Email, user.FirstName, user.LastName);
`
