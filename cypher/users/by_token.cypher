// The user a bearer token belongs to (by the token's hash), or nothing.
// mode: read
// returns: one
// param token_hash: string
MATCH (u:User {tokenHash: $token_hash})
RETURN u {.id, .email, .name, .seat, .superAdmin} AS user
