// Every user, oldest first (never their token hashes).
// mode: read
// returns: many
MATCH (u:User)
RETURN u {.id, .email, .name, .seat, .superAdmin, .createdAt} AS user ORDER BY u.createdAt, u.id
