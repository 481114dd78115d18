import type { ApiDocumentOptions } from '@vt/runtime';

/** What safety-investigation's OpenAPI document says about the service; the rest is generated from its controllers (docs/adr/0029). */
export const SAFETY_INVESTIGATION_API: ApiDocumentOptions = {
  "service": "safety-investigation",
  "title": "Veilig Thuis safety-investigation",
  "description": "The one owner of the household safety record: the household's phase (directe veiligheid, duurzame veiligheid, herstel, gesloten), the immediate safety of those involved, safety conditions and monitoring, the investigation (onderzoek) and a huisverbod. See `apps/safety-investigation/README.md`.\n\n**Auth.** Every route needs `Authorization: Bearer <token>` (libs/auth) except the health endpoints and this document. No valid token is a 401 `unauthenticated`; the wrong role, or a household in a Veilig Thuis region the token does not cover, is a 403 `forbidden`. The roles a route admits are listed in `x-roles`.\n\n**Errors.** Every 4xx and 5xx answer is an RFC 9457 problem (`application/problem+json`, schema `Problem`) that keeps the codes `error` and `statusCode`; a refused body lists every failing field at once in `fields[{ path, code, message }]`.\n\nThis document is generated from the controllers and DTOs with @nestjs/swagger (docs/adr/0029) when the service starts, served at `GET /api/openapi.json` and kept in `docs/openapi/safety-investigation.openapi.json` (`npm run docs:generate`; a unit test fails when the file and the code drift apart).",
  "server": {
    "url": "http://127.0.0.1:3003",
    "description": "Local (`npx nx serve safety-investigation`; `HTTP_PORT`, default 3003)."
  },
  "tags": [
    {
      "name": "household",
      "description": "The household safety record and its phases, safety conditions and monitoring."
    },
    {
      "name": "investigation",
      "description": "Investigations (onderzoek): planned and completed steps, findings and the conclusion."
    },
    {
      "name": "huisverbod",
      "description": "A huisverbod (temporary restraining order) imposed, extended and ended."
    },
    {
      "name": "partner",
      "description": "What partners may read of a household's safety conditions."
    }
  ]
};
