import type { ApiDocumentOptions } from '@vt/runtime';

/** What crisis-triage's OpenAPI document says about the service; the rest is generated from its controllers (docs/adr/0029). */
export const CRISIS_TRIAGE_API: ApiDocumentOptions = {
  "service": "crisis-triage",
  "title": "Veilig Thuis crisis-triage",
  "description": "The 24/7 function: the acute check of every melding and the hand-over of an acute one to its region's crisis function, the queue of meldingen for their veiligheidsbeoordeling, the veiligheidsbeoordeling itself, informing the persons involved, and the durable statutory clocks (deadlines) that make them visible. See `apps/crisis-triage/README.md`.\n\n**Auth.** Every route needs `Authorization: Bearer <token>` (libs/auth) except the health endpoints and this document. No valid token is a 401 `unauthenticated`; the wrong role, or a household in a Veilig Thuis region the token does not cover, is a 403 `forbidden`. The roles a route admits are listed in `x-roles`.\n\n**Errors.** Every 4xx and 5xx answer is an RFC 9457 problem (`application/problem+json`, schema `Problem`) that keeps the codes `error` and `statusCode`; a refused body lists every failing field at once in `fields[{ path, code, message }]`.\n\nThis document is generated from the controllers and DTOs with @nestjs/swagger (docs/adr/0029) when the service starts, served at `GET /api/openapi.json` and kept in `docs/openapi/crisis-triage.openapi.json` (`npm run docs:generate`; a unit test fails when the file and the code drift apart).",
  "server": {
    "url": "http://127.0.0.1:3002",
    "description": "Local (`npx nx serve crisis-triage`; `HTTP_PORT`, default 3002)."
  },
  "tags": [
    {
      "name": "crisis",
      "description": "Crisis interventions and the actions recorded on them."
    },
    {
      "name": "assessment",
      "description": "The queue of meldingen for their veiligheidsbeoordeling, and the assessment itself."
    },
    {
      "name": "informing",
      "description": "Informing the persons involved of a melding, or withholding it on a ground."
    },
    {
      "name": "deadlines",
      "description": "The statutory clocks: reading and extending deadlines."
    }
  ]
};
