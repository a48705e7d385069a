/** PHP on firebase/php-jwt (6.x). */
export default `<?php
// composer require firebase/php-jwt
use Firebase\\JWT\\JWT;

// Mint a fresh token every time the widget's getJwtTokenCallback asks for one; never cache it.
function signAsapToken(string $secret, string $email, string $firstName, string $lastName): string
{
    $now = (int) floor(microtime(true) * 1000); // milliseconds: Zoho reads not_before and not_after as ms
    $claims = [
        'email' => strtolower(trim($email)),
        'email_verified' => true,
        'not_before' => $now,
        'not_after' => $now + 300000, // 5 minutes; Zoho allows at most 10
        'first_name' => $firstName,
        'last_name' => $lastName,
    ];
    // No 'exp' or 'iat': they are seconds by convention, and Zoho reads exp as ms.
    // The secret as the text shown on the ASAP setup page, never base64_decode()d.
    return JWT::encode($claims, $secret, 'HS256');
}

// $token = signAsapToken(getenv('ASAP_JWT_SECRET'), $user->email, $user->firstName, $user->lastName);
`
