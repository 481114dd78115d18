import type { ApiDocumentOptions } from '@vt/runtime';

/** What referral's OpenAPI document says about the service; the rest is generated from its controllers (docs/adr/0029). */
export const REFERRAL_API: ApiDocumentOptions = {
  "service": "referral",
  "title": "Veilig Thuis referral",
  "description": "Hands households over to regional partners over Kafka, reads their answers, re-routes what is declined or left unanswered, and gives a professional melder terugkoppeling (docs/adr/0014). Its one HTTP route of its own is its part of a household's timeline (`GET /api/v1/households/{householdId}/timeline`, docs/adr/0039); the rest runs over Kafka. See `apps/referral/README.md`.\n\n**Auth.** Every route needs `Authorization: Bearer <token>` (libs/auth) except the health endpoints and this document. No valid token is a 401 `unauthenticated`; the wrong role, or a household in a Veilig Thuis region the token does not cover, is a 403 `forbidden`. The roles a route admits are listed in `x-roles`.\n\n**Errors.** Every 4xx and 5xx answer is an RFC 9457 problem (`application/problem+json`, schema `Problem`) that keeps the codes `error` and `statusCode`; a refused body lists every failing field at once in `fields[{ path, code, message }]`.\n\nThis document is generated from the controllers and DTOs with @nestjs/swagger (docs/adr/0029) when the service starts, served at `GET /api/openapi.json` and kept in `docs/openapi/referral.openapi.json` (`npm run docs:generate`; a unit test fails when the file and the code drift apart).",
  "server": {
    "url": "http://127.0.0.1:3004",
    "description": "Local (`npx nx serve referral`; `HTTP_PORT`, default 3004)."
  },
  "tags": [
    {
      "name": "household",
      "description": "Referral's part of a household's timeline, built with the replay's code from the events it published (docs/adr/0034, 0039)."
    }
  ]
};
