// ACT-6: find records by name to associate (contacts by first/last name or email, companies
// by name or domain, deals by name, tickets by subject); case-insensitive substring match.
// mode: read
// returns: many
// param q: string — lower-case search text
// param labels: list of strings — record labels to search (Contact, Company, Deal, Ticket)
// param limit: integer — max results
MATCH (o:Record)
WHERE NOT o.archived AND any(l IN labels(o) WHERE l IN $labels)
  AND any(v IN [o.name, o.domain, o.dealname, o.subject, o.email,
                trim(coalesce(o.firstname, '') + ' ' + coalesce(o.lastname, ''))]
          WHERE v IS NOT NULL AND toLower(v) CONTAINS $q)
RETURN o._type AS objectType, o.id AS id,
       o {.name, .domain, .dealname, .subject, .firstname, .lastname, .email} AS fields
ORDER BY o._n LIMIT $limit
