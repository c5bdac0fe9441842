// Create a user who can call the API with a bearer token (only the token's SHA-256 is stored).
// mode: write
// returns: one
// param id: string
// param email: string
// param name: string
// param seat: string — 'full' or 'read_only'
// param super_admin: boolean
// param token_hash: string — hex SHA-256 of the token
// param now: integer — epoch ms
CREATE (u:User {id: $id, email: toLower($email), name: $name, seat: $seat, superAdmin: $super_admin,
                tokenHash: $token_hash, createdAt: $now})
RETURN u {.id, .email, .name, .seat, .superAdmin} AS user
