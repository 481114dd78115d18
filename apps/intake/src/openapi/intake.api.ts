import type { ApiDocumentOptions, DescribedOperation } from '@vt/runtime';

/*
 * What intake's OpenAPI document says beyond what the decorators of its controllers and DTOs say: the service's
 * description, the operations' prose and examples, and the answer schemas (written as JSON Schema). Carried over
 * from the hand-kept document this replaced (docs/adr/0029). The document itself is generated: `npm run docs:generate`.
 */

export const INTAKE_API: ApiDocumentOptions = {
  "service": "intake",
  "title": "Veilig Thuis intake",
  "description": "The HTTP entry point for call handlers: registering a **melding** (responsibility for safety passes to Veilig Thuis) or an **adviesvraag** (someone asks advice and stays responsible), turning an adviesvraag into a melding, and reading meldingen back. See `apps/intake/README.md`.\n\n**Auth.** Every route needs `Authorization: Bearer <token>` (libs/auth) except the health endpoints and this document. No valid token is a 401 `unauthenticated`; the wrong role, or a household in a Veilig Thuis region the token does not cover, is a 403 `forbidden`. The roles a route admits are listed in its description and in `x-roles`; the token's subject is recorded as the actor.\n\n**Errors.** Every 4xx and 5xx answer is an RFC 9457 problem (`application/problem+json`, schema `Problem`) that keeps the codes `error` and `statusCode`. A refused request body is a 400 `validation-failed` that lists every failing field at once as `fields[{ path, code, message }]`; unknown fields are refused (`unknown-field`). A semantic conflict is a 422 `semantic-conflict` (e.g. an unknown gemeente, with `suggestions`).\n\nThis document is generated from the controllers and DTOs with @nestjs/swagger (docs/adr/0029) when the service starts, served at `GET /api/openapi.json` and kept in `docs/openapi/intake.openapi.json` (`npm run docs:generate`; a unit test fails when the file and the code drift apart).",
  "server": {
    "url": "http://127.0.0.1:3001",
    "description": "Local (`npx nx serve intake`; `HTTP_PORT`, default 3001)."
  },
  "tags": [
    {
      "name": "meldingen",
      "description": "Registering and reading meldingen."
    },
    {
      "name": "radar",
      "description": "Radar proposes, a person decides (docs/adr/0018): earlier involvement of the persons of a melding, and whether the melding may join a household."
    },
    {
      "name": "adviesvragen",
      "description": "Adviesvragen and their conversion into a melding."
    },
    {
      "name": "privacy",
      "description": "Destruction requests and erasure of a person's data by crypto-shredding (docs/adr/0007), for privacy officers."
    }
  ],
  "schemas": {
    "AdviesvraagConverted": {
      "type": "object",
      "required": [
        "meldingId",
        "householdId",
        "receivedAt",
        "radar",
        "adviesvraagId"
      ],
      "additionalProperties": false,
      "properties": {
        "meldingId": {
          "type": "string",
          "format": "uuid"
        },
        "householdId": {
          "type": "string",
          "format": "uuid"
        },
        "receivedAt": {
          "type": "string",
          "format": "date-time",
          "description": "When the melding reached Veilig Thuis, as given (in UTC): its statutory clocks run from here."
        },
        "radar": {
          "type": "string",
          "enum": [
            "first",
            "hermelding",
            "vervolgmelding"
          ]
        },
        "radarDecision": {
          "$ref": "#/components/schemas/RadarDecisionAnswer"
        },
        "adviesvraagId": {
          "type": "string",
          "format": "uuid"
        },
        "registeredAt": {
          "type": "string",
          "format": "date-time",
          "description": "When intake registered it (intake's clock). Absent only in an answer to a retry of a request first answered before receipt and registration were told apart."
        }
      }
    },
    "AdviesvraagRegistered": {
      "type": "object",
      "required": [
        "adviesvraagId",
        "receivedAt"
      ],
      "additionalProperties": false,
      "properties": {
        "adviesvraagId": {
          "type": "string",
          "format": "uuid"
        },
        "receivedAt": {
          "type": "string",
          "format": "date-time",
          "description": "When the adviesvraag reached Veilig Thuis: as given, else the registration time."
        },
        "registeredAt": {
          "type": "string",
          "format": "date-time",
          "description": "When intake registered it. Absent only in an answer to a retry of a request first answered before receipt and registration were told apart."
        }
      }
    },
    "AdviesvraagView": {
      "type": "object",
      "description": "What intake tells about an adviesvraag: categories, routing, whether it became a melding, and who is on it by id. Names, contact details, the question and the advice stay out.",
      "required": [
        "adviesvraagId",
        "householdId",
        "receivedAt",
        "registeredAt",
        "channel",
        "region",
        "aard",
        "tags",
        "convertedMeldingId",
        "adviesvrager",
        "persons"
      ],
      "additionalProperties": false,
      "properties": {
        "adviesvraagId": {
          "type": "string",
          "format": "uuid"
        },
        "householdId": {
          "type": "string",
          "format": "uuid",
          "description": "The household id intake gave the adviesvraag (the record key of its events)."
        },
        "receivedAt": {
          "type": "string",
          "format": "date-time",
          "description": "When the adviesvraag reached Veilig Thuis (as given, else its registration time)."
        },
        "registeredAt": {
          "type": "string",
          "format": "date-time",
          "description": "When intake registered it."
        },
        "channel": {
          "type": "string"
        },
        "region": {
          "type": "object",
          "required": [
            "vtRegion",
            "veiligheidsregio",
            "gemeenteCode"
          ],
          "additionalProperties": false,
          "description": "All null when the caller named no gemeente.",
          "properties": {
            "vtRegion": {
              "type": [
                "string",
                "null"
              ]
            },
            "veiligheidsregio": {
              "type": [
                "string",
                "null"
              ]
            },
            "gemeenteCode": {
              "type": [
                "string",
                "null"
              ]
            }
          }
        },
        "aard": {
          "type": "array",
          "items": {
            "type": "string"
          },
          "description": "Codes of the code list `aard-geweld`."
        },
        "tags": {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "convertedMeldingId": {
          "type": [
            "string",
            "null"
          ],
          "format": "uuid",
          "description": "The melding the adviesvraag became, if it did."
        },
        "adviesvrager": {
          "type": "object",
          "required": [
            "adviesvragerId",
            "kind",
            "sector",
            "role",
            "erased",
            "erasedAt"
          ],
          "additionalProperties": false,
          "description": "Who asked, as categories and an id (the person id to erase them by); an erased adviesvrager says so, with the date.",
          "properties": {
            "adviesvragerId": {
              "type": "string",
              "format": "uuid"
            },
            "kind": {
              "type": "string"
            },
            "sector": {
              "type": [
                "string",
                "null"
              ]
            },
            "role": {
              "type": "string"
            },
            "erased": {
              "type": "boolean"
            },
            "erasedAt": {
              "type": [
                "string",
                "null"
              ],
              "format": "date-time"
            }
          }
        },
        "persons": {
          "type": "array",
          "description": "The persons by id and role; an erased person says so, with the date. Names stay out.",
          "items": {
            "type": "object",
            "required": [
              "personId",
              "role",
              "erased",
              "erasedAt"
            ],
            "additionalProperties": false,
            "properties": {
              "personId": {
                "type": "string",
                "format": "uuid"
              },
              "role": {
                "type": "string"
              },
              "erased": {
                "type": "boolean"
              },
              "erasedAt": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              }
            }
          }
        }
      }
    },
    "ErasureRequestRegistered": {
      "type": "object",
      "required": [
        "requestId",
        "personId",
        "householdId",
        "receivedAt",
        "dueAt",
        "dueLocalDate",
        "approachingAt",
        "legalBasis",
        "warnings"
      ],
      "additionalProperties": false,
      "properties": {
        "requestId": {
          "type": "string",
          "format": "uuid"
        },
        "personId": {
          "type": "string",
          "format": "uuid"
        },
        "householdId": {
          "type": "string",
          "format": "uuid"
        },
        "receivedAt": {
          "type": "string",
          "format": "date-time"
        },
        "dueAt": {
          "type": "string",
          "format": "date-time",
          "description": "Exclusive end of the 3-month term (Atw), local midnight after `dueLocalDate`."
        },
        "dueLocalDate": {
          "type": "string",
          "format": "date",
          "description": "The last day in time, in the household's calendar."
        },
        "approachingAt": {
          "type": "string",
          "format": "date-time",
          "description": "From when the request counts as approaching (10 working days left)."
        },
        "legalBasis": {
          "type": "string",
          "description": "The basis in the person's jurisdiction (config/legal-bases.json), followed by ` [verify]` when unconfirmed."
        },
        "warnings": {
          "description": "What is uncertain about the deadline: an unconfirmed legal basis (named with its key), the calendar's caveats, a year without equating decree.",
          "type": "array",
          "items": {
            "type": "string"
          }
        }
      }
    },
    "HouseholdErased": {
      "type": "object",
      "description": "`HouseholdDataErased`, as written on `vt.privacy.erasures.v1`.",
      "required": [
        "erasureId",
        "householdId",
        "erasedAt",
        "reason",
        "legalBasis",
        "actor"
      ],
      "properties": {
        "erasureId": {
          "type": "string",
          "format": "uuid"
        },
        "householdId": {
          "type": "string",
          "format": "uuid"
        },
        "erasedAt": {
          "type": "string",
          "format": "date-time"
        },
        "reason": {
          "type": "string",
          "enum": [
            "verzoek-betrokkene",
            "bewaartermijn-verstreken",
            "onrechtmatig-verwerkt",
            "rechterlijke-uitspraak"
          ]
        },
        "legalBasis": {
          "type": "string",
          "description": "The basis of the household's jurisdiction (config/legal-bases.json); an unconfirmed one ends in `[verify]`."
        },
        "actor": {
          "type": "string"
        }
      }
    },
    "HouseholdMeldingen": {
      "type": "object",
      "required": [
        "householdId",
        "meldingen"
      ],
      "additionalProperties": false,
      "properties": {
        "householdId": {
          "type": "string",
          "format": "uuid"
        },
        "meldingen": {
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/components/schemas/MeldingView"
          }
        }
      }
    },
    "MeldingRegistered": {
      "type": "object",
      "required": [
        "meldingId",
        "householdId",
        "receivedAt"
      ],
      "additionalProperties": false,
      "properties": {
        "meldingId": {
          "type": "string",
          "format": "uuid"
        },
        "householdId": {
          "type": "string",
          "format": "uuid",
          "description": "The melding's household: the household the call handler decided to join (`radar.join`), else a new one (docs/adr/0018)."
        },
        "receivedAt": {
          "type": "string",
          "format": "date-time",
          "description": "When the melding reached Veilig Thuis, as given (in UTC): its statutory clocks run from here."
        },
        "radar": {
          "type": "string",
          "enum": [
            "first",
            "hermelding",
            "vervolgmelding"
          ],
          "description": "Whether anyone involved is known from an earlier case (open: vervolgmelding; closed: hermelding)."
        },
        "radarDecision": {
          "$ref": "#/components/schemas/RadarDecisionAnswer"
        },
        "registeredAt": {
          "type": "string",
          "format": "date-time",
          "description": "When intake registered it (intake's clock). Absent only in an answer to a retry of a request first answered before receipt and registration were told apart."
        }
      }
    },
    "MeldingView": {
      "type": "object",
      "description": "What intake tells about a melding: where it is, where it was routed, what radar found. Names, contact details, BSNs and the account stay out.",
      "required": [
        "meldingId",
        "householdId",
        "receivedAt",
        "registeredAt",
        "lateRegistration",
        "status",
        "channel",
        "region",
        "radar",
        "acuteIndicated",
        "assessmentOutcome",
        "persons",
        "melder"
      ],
      "additionalProperties": false,
      "properties": {
        "meldingId": {
          "type": "string",
          "format": "uuid"
        },
        "householdId": {
          "type": "string",
          "format": "uuid"
        },
        "receivedAt": {
          "type": "string",
          "format": "date-time",
          "description": "When the melding reached Veilig Thuis: its statutory clocks run from here. A household's meldingen are listed in this order."
        },
        "status": {
          "type": "string",
          "enum": [
            "registered",
            "acute-check-done",
            "with-crisis-function",
            "assessed"
          ],
          "description": "Where the melding is in the process, as intake learns it from triage: registered, acute check done, with the crisis function (acute), assessed."
        },
        "channel": {
          "type": [
            "string",
            "null"
          ],
          "description": "Null for meldingen registered before the channel was recorded."
        },
        "region": {
          "type": "object",
          "required": [
            "vtRegion",
            "veiligheidsregio",
            "gemeenteCode"
          ],
          "additionalProperties": false,
          "properties": {
            "vtRegion": {
              "type": [
                "string",
                "null"
              ],
              "description": "The Veilig Thuis region the household was routed to (e.g. `vt-amsterdam-amstelland`); reads are scoped to it."
            },
            "veiligheidsregio": {
              "type": [
                "string",
                "null"
              ],
              "description": "The veiligheidsregio of the gemeente, e.g. `VR13`: a fact of routing, not a scope (VR20 is served by two Veilig Thuis regions)."
            },
            "gemeenteCode": {
              "type": "string",
              "description": "The CBS gemeentecode, e.g. `GM0363`."
            }
          }
        },
        "radar": {
          "type": "object",
          "required": [
            "classification",
            "references",
            "decision"
          ],
          "additionalProperties": false,
          "properties": {
            "classification": {
              "enum": [
                "first",
                "hermelding",
                "vervolgmelding",
                null
              ]
            },
            "references": {
              "type": "array",
              "items": {
                "$ref": "#/components/schemas/RadarReference"
              }
            },
            "decision": {
              "type": [
                "object",
                "null"
              ],
              "description": "The decision as `MeldingReceived.radar.decision` carries it (`kind`, `householdId` for a join, `decidedBy`, `decidedAt`); null for meldingen registered before decisions were recorded.",
              "required": [
                "kind",
                "decidedBy",
                "decidedAt"
              ],
              "additionalProperties": false,
              "properties": {
                "kind": {
                  "enum": [
                    "joined",
                    "kept-apart",
                    "no-match"
                  ]
                },
                "householdId": {
                  "type": "string",
                  "format": "uuid"
                },
                "decidedBy": {
                  "type": "string"
                },
                "decidedAt": {
                  "type": "string",
                  "format": "date-time"
                }
              }
            }
          }
        },
        "acuteIndicated": {
          "type": "boolean"
        },
        "assessmentOutcome": {
          "type": [
            "string",
            "null"
          ],
          "description": "The veiligheidsbeoordeling's outcome once assessed."
        },
        "persons": {
          "type": "array",
          "description": "The persons by id and role; an erased person says so, with the date. Names stay out.",
          "items": {
            "type": "object",
            "required": [
              "personId",
              "role",
              "erased",
              "erasedAt"
            ],
            "additionalProperties": false,
            "properties": {
              "personId": {
                "type": "string",
                "format": "uuid"
              },
              "role": {
                "type": "string"
              },
              "erased": {
                "type": "boolean"
              },
              "erasedAt": {
                "type": [
                  "string",
                  "null"
                ],
                "format": "date-time"
              }
            }
          }
        },
        "melder": {
          "type": [
            "object",
            "null"
          ],
          "required": [
            "melderId",
            "erased",
            "erasedAt"
          ],
          "additionalProperties": false,
          "properties": {
            "melderId": {
              "type": "string",
              "format": "uuid"
            },
            "erased": {
              "type": "boolean"
            },
            "erasedAt": {
              "type": [
                "string",
                "null"
              ],
              "format": "date-time"
            }
          }
        },
        "registeredAt": {
          "type": "string",
          "format": "date-time",
          "description": "When intake registered it. For meldingen registered before the two were told apart, the same as `receivedAt` (then the registration time)."
        },
        "lateRegistration": {
          "type": [
            "object",
            "null"
          ],
          "required": [
            "reason"
          ],
          "additionalProperties": false,
          "description": "Why it was registered more than `RECEIPT_REASON_AFTER` after receipt; null when it was not late.",
          "properties": {
            "reason": {
              "type": "string",
              "enum": [
                "batchverwerking",
                "schriftelijk-ontvangen",
                "storing",
                "doorgestuurd-door-andere-regio",
                "anders"
              ]
            }
          }
        }
      }
    },
    "PersonErased": {
      "type": "object",
      "description": "The erasure, as `PersonDataErased` records it.",
      "required": [
        "erasureId",
        "personId",
        "householdId",
        "subjectKind",
        "erasedAt",
        "reason",
        "legalBasis",
        "actor"
      ],
      "additionalProperties": false,
      "properties": {
        "erasureId": {
          "type": "string",
          "format": "uuid"
        },
        "personId": {
          "type": "string",
          "format": "uuid"
        },
        "householdId": {
          "type": "string",
          "format": "uuid"
        },
        "subjectKind": {
          "enum": [
            "person",
            "melder"
          ]
        },
        "erasedAt": {
          "type": "string",
          "format": "date-time",
          "description": "When the data key was destroyed; decryption of the person's data answers \"erased on\" this date."
        },
        "reason": {
          "enum": [
            "verzoek-betrokkene",
            "bewaartermijn-verstreken",
            "onrechtmatig-verwerkt",
            "rechterlijke-uitspraak"
          ]
        },
        "legalBasis": {
          "type": "string",
          "description": "The basis in the person's jurisdiction (config/legal-bases.json), followed by ` [verify]` when unconfirmed."
        },
        "requestId": {
          "type": "string",
          "format": "uuid"
        },
        "actor": {
          "type": "string"
        }
      }
    },
    "RadarDecisionAnswer": {
      "type": "object",
      "description": "What became of the melding (docs/adr/0018): `joined` the household the call handler chose (`householdId`), `kept-apart` in its own household with the matches as `links` for triage, or `no-match` (radar found nobody). Absent in answers stored before this field existed (an idempotent retry of an old request).",
      "required": [
        "kind",
        "decidedBy",
        "decidedAt",
        "links"
      ],
      "additionalProperties": false,
      "properties": {
        "kind": {
          "enum": [
            "joined",
            "kept-apart",
            "no-match"
          ]
        },
        "householdId": {
          "type": "string",
          "format": "uuid",
          "description": "For `joined`: the household joined (the melding's `householdId`)."
        },
        "decidedBy": {
          "type": "string",
          "description": "The call handler who registered the melding, e.g. `user:…`."
        },
        "decidedAt": {
          "type": "string",
          "format": "date-time"
        },
        "links": {
          "type": "array",
          "description": "The earlier households radar found, by reference only.",
          "items": {
            "type": "object",
            "required": [
              "householdId",
              "region",
              "status",
              "mayJoin"
            ],
            "additionalProperties": false,
            "properties": {
              "householdId": {
                "type": "string",
                "format": "uuid"
              },
              "region": {
                "type": "string"
              },
              "status": {
                "enum": [
                  "open",
                  "closed"
                ]
              },
              "mayJoin": {
                "type": "boolean"
              },
              "reason": {
                "enum": [
                  "case-closed",
                  "different-households",
                  "moved",
                  "address-unknown"
                ]
              }
            }
          }
        }
      }
    },
    "RadarMatchesAnswer": {
      "type": "object",
      "description": "What radar proposes: per earlier household found, a reference and whether the melding may join it. Never the other household's persons, names or history.",
      "required": [
        "classification",
        "households",
        "unchecked"
      ],
      "additionalProperties": false,
      "properties": {
        "classification": {
          "enum": [
            "first",
            "hermelding",
            "vervolgmelding"
          ],
          "description": "As the melding would be classified: vervolgmelding when someone is known from a running case, hermelding when only from closed ones (gesloten, or handed over by an accepted overdracht until directe veiligheid again), else first."
        },
        "households": {
          "type": "array",
          "description": "Open cases first.",
          "items": {
            "type": "object",
            "required": [
              "householdId",
              "region",
              "status",
              "matches",
              "mayJoin"
            ],
            "additionalProperties": false,
            "properties": {
              "householdId": {
                "type": "string",
                "format": "uuid"
              },
              "region": {
                "type": "string",
                "description": "The Veilig Thuis region the household is known in."
              },
              "status": {
                "enum": [
                  "open",
                  "closed"
                ]
              },
              "matches": {
                "type": "array",
                "items": {
                  "type": "object",
                  "required": [
                    "person",
                    "matchedOn"
                  ],
                  "additionalProperties": false,
                  "properties": {
                    "person": {
                      "type": "integer",
                      "minimum": 0,
                      "description": "The index of the submitted person in `persons`."
                    },
                    "matchedOn": {
                      "enum": [
                        "bsn",
                        "name-dob-address"
                      ]
                    }
                  }
                }
              },
              "mayJoin": {
                "type": "boolean",
                "description": "True when every matched person belongs to this one household, its case is open and it is at the melding's postcode and house number."
              },
              "reason": {
                "enum": [
                  "case-closed",
                  "different-households",
                  "moved",
                  "address-unknown"
                ],
                "description": "Why not, when `mayJoin` is false: the first of `case-closed`, `different-households`, `moved`, `address-unknown` that applies."
              },
              "message": {
                "type": "string",
                "description": "The reason in words; never an address, a BSN, a name or the other case's history."
              }
            }
          }
        },
        "unchecked": {
          "type": "array",
          "items": {
            "type": "integer",
            "minimum": 0
          },
          "description": "Indexes of the persons radar could not check (no valid BSN, nor name, date of birth, postcode and house number)."
        }
      }
    },
    "RadarReference": {
      "type": "object",
      "description": "An earlier case someone in this melding is known from: a reference only (a link for triage), never its content.",
      "required": [
        "caseId",
        "region",
        "status",
        "matchedOn"
      ],
      "additionalProperties": false,
      "properties": {
        "caseId": {
          "type": "string",
          "format": "uuid",
          "description": "The earlier household's id."
        },
        "region": {
          "type": "string"
        },
        "status": {
          "enum": [
            "open",
            "closed"
          ]
        },
        "matchedOn": {
          "enum": [
            "bsn",
            "name-dob-address"
          ]
        },
        "personId": {
          "type": "string",
          "format": "uuid",
          "description": "The person of this melding who matched. Absent for meldingen registered before it was recorded."
        },
        "mayJoin": {
          "type": "boolean",
          "description": "Whether the melding could have joined that household. Absent for meldingen registered before it was recorded."
        },
        "reason": {
          "enum": [
            "case-closed",
            "different-households",
            "moved",
            "address-unknown"
          ],
          "description": "Why not, when `mayJoin` is false."
        }
      }
    }
  }
};

export const INTAKE_OPERATIONS = {
  "registerMelding": {
    "tags": [
      "meldingen"
    ],
    "summary": "Register a melding",
    "description": "Role `call-handler`, for a household in a Veilig Thuis region the token covers (the region the household is routed to, e.g. `vt-west-brabant` for Breda; not its veiligheidsregio). The body says when the melding reached Veilig Thuis (`receivedAt`); intake records the registration time (`registeredAt`) and the clocks run from the receipt. One registered more than `RECEIPT_REASON_AFTER` (default PT24H) after receipt needs `lateRegistration.reason`. The melding and its `MeldingReceived` event are committed in one transaction before the 201 is sent; radar classifies it as `first`, `vervolgmelding` or `hermelding` and the melding joins an earlier household only when the body says so (`radar.join`) and radar allows it; otherwise it gets its own household and the matches are recorded as links for triage (docs/adr/0018). The 201 says the classification (`radar`) and the decision (`radarDecision`). A retry with the same `Idempotency-Key` and the same body gets the first answer again. JSON body of at most 256 kB.",
    "requestExamples": {
      "professional": {
        "summary": "A melding by the police about ex-partnergeweld, with a child involved",
        "value": {
          "receivedAt": "2025-11-28T10:05:00+01:00",
          "channel": "telefoon",
          "melder": {
            "kind": "professional",
            "sector": "politie-justitie",
            "role": "melder",
            "name": "J. de Vries",
            "organisation": "Politie Amsterdam",
            "phone": "0201234567",
            "identitySealed": false
          },
          "household": {
            "gemeenteCode": "GM0363",
            "postcode": "1011ab",
            "houseNumber": "1"
          },
          "persons": [
            {
              "role": "victim",
              "name": "A. Jansen",
              "birthDate": "1990-06-15",
              "bsn": "999993653"
            },
            {
              "role": "child-involved",
              "name": "B. Jansen",
              "estimatedAge": 9
            }
          ],
          "concerns": {
            "aard": [
              "ex-partnergeweld"
            ],
            "tags": [
              "stalking"
            ],
            "account": "What the caller told, in the call handler's words."
          },
          "acuteIndication": {
            "indicated": true,
            "ground": "Threatened with a knife last night.",
            "signals": [
              "physical-violence"
            ]
          }
        }
      },
      "policeBatch": {
        "summary": "A police melding received on Friday evening, registered in a batch on Monday morning",
        "value": {
          "receivedAt": "2025-11-28T21:40:00+01:00",
          "lateRegistration": {
            "reason": "batchverwerking"
          },
          "channel": "systeem-naar-systeem",
          "melder": {
            "kind": "professional",
            "sector": "politie-justitie",
            "role": "melder",
            "name": "J. de Vries",
            "organisation": "Politie Amsterdam",
            "phone": "0201234567",
            "identitySealed": false
          },
          "household": {
            "gemeenteCode": "GM0363",
            "postcode": "1011ab",
            "houseNumber": "1"
          },
          "persons": [
            {
              "role": "victim",
              "name": "A. Jansen",
              "birthDate": "1990-06-15",
              "bsn": "999993653"
            },
            {
              "role": "child-involved",
              "name": "B. Jansen",
              "estimatedAge": 9
            }
          ],
          "concerns": {
            "aard": [
              "ex-partnergeweld"
            ],
            "tags": [
              "stalking"
            ],
            "account": "What the caller told, in the call handler's words."
          },
          "acuteIndication": {
            "indicated": true,
            "ground": "Threatened with a knife last night.",
            "signals": [
              "physical-violence"
            ]
          }
        }
      }
    },
    "responses": {
      "201": {
        "description": "Stored (or a retry with the same key and body, answered as the first time).",
        "schema": "MeldingRegistered",
        "examples": {
          "first": {
            "value": {
              "meldingId": "0b9f1c55-3c1e-4a3f-9d4e-6f7d2a1b8c90",
              "householdId": "5e2d8f71-9a4b-4c6d-8e1f-2a3b4c5d6e7f",
              "receivedAt": "2025-11-28T09:05:00.000Z",
              "radar": "first",
              "radarDecision": {
                "kind": "no-match",
                "decidedBy": "user:call-handler-1",
                "decidedAt": "2025-11-28T09:15:00.000Z",
                "links": []
              },
              "registeredAt": "2025-11-28T09:15:00.000Z"
            }
          },
          "keptApart": {
            "summary": "The victim is known in an open household at another address: kept apart, linked for triage",
            "value": {
              "meldingId": "0b9f1c55-3c1e-4a3f-9d4e-6f7d2a1b8c91",
              "householdId": "9c8b7a65-4321-4fed-8cba-9876543210fe",
              "receivedAt": "2025-11-28T09:15:00.000Z",
              "radar": "vervolgmelding",
              "radarDecision": {
                "kind": "kept-apart",
                "decidedBy": "user:call-handler-1",
                "decidedAt": "2025-11-28T09:15:00.000Z",
                "links": [
                  {
                    "householdId": "5e2d8f71-9a4b-4c6d-8e1f-2a3b4c5d6e7f",
                    "region": "vt-amsterdam-amstelland",
                    "status": "open",
                    "mayJoin": false,
                    "reason": "moved"
                  }
                ]
              }
            }
          }
        }
      },
      "400": {
        "description": "Every failing field at once. An unknown field has code `unknown-field`; a malformed `Idempotency-Key` has path `Idempotency-Key`. A melding's `receivedAt` that is missing (`isString`), malformed (`received-at-format`), in the future (`received-at-in-future`) or before 2015 (`received-at-before-lower-bound`) has path `receivedAt`. (`error`: `validation-failed`)",
        "examples": {
          "melding": {
            "value": {
              "statusCode": 400,
              "error": "validation-failed",
              "fields": [
                {
                  "path": "persons[0].bsn",
                  "code": "bsn-fails-elfproef",
                  "message": "This is not a valid BSN (it fails the elfproef); a digit is probably wrong or two digits are swapped."
                },
                {
                  "path": "melder.phone",
                  "code": "contact-missing",
                  "message": "a melding needs the melder’s phone number or e-mail address, so Veilig Thuis can reach the melder"
                }
              ]
            }
          }
        }
      },
      "422": {
        "description": "A semantic conflict: an unknown gemeente (`unknown-gemeente`, with the three closest names as `suggestions`), a melding through `chat` (`channel-advice-only`), an aard or tag whose age rule the ages recorded contradict (path `concerns.aard` or `concerns.tags`: `victim-not-elderly` for ouderenmishandeling or financieel-misbruik-ouderen when every victim is known to be under 65 on the day of receipt, `no-minor-for-kindermishandeling` when everyone is known to be 18 or older and none is child-involved; the message names the `persons[i].birthDate`/`estimatedAge` fields; an unknown age is accepted, docs/adr/0036), a radar join that radar does not allow (path `radar.join`: `case-closed`, `different-households`, `moved`, `address-unknown`, or `not-matched` for a household radar did not propose), a melding registered more than `RECEIPT_REASON_AFTER` after its `receivedAt` without `lateRegistration.reason` (`late-registration-reason-missing`, with the codes in `allowed`), or a `lateRegistration` on a melding that is not late (`late-registration-not-late`); or an `Idempotency-Key` used before for a different body (`idempotency-key-reused`). A retry with the same key and body gets the first answer even when the melding would now count as late. The request is well-formed but conflicts with what intake knows. The `Idempotency-Key` was used before for a different body. (`error`: `semantic-conflict`, `idempotency-key-reused`)",
        "examples": {
          "unknownGemeente": {
            "value": {
              "statusCode": 422,
              "error": "semantic-conflict",
              "fields": [
                {
                  "path": "household.gemeenteCode",
                  "code": "unknown-gemeente",
                  "message": "\"Amsterdm\" is not a gemeente in gemeenten-2023. Did you mean \"Amsterdam\", \"Amstelveen\", \"Asten\"?",
                  "suggestions": [
                    "Amsterdam",
                    "Amstelveen",
                    "Asten"
                  ]
                }
              ]
            }
          },
          "radarJoinRefused": {
            "value": {
              "statusCode": 422,
              "error": "semantic-conflict",
              "fields": [
                {
                  "path": "radar.join",
                  "code": "moved",
                  "message": "household 5e2d8f71-9a4b-4c6d-8e1f-2a3b4c5d6e7f is known at another address than this melding's (someone moved); the melding opens its own household and the match is recorded as a link for triage"
                }
              ]
            }
          },
          "keyReused": {
            "value": {
              "statusCode": 422,
              "error": "idempotency-key-reused",
              "fields": [
                {
                  "path": "Idempotency-Key",
                  "code": "idempotency-key-reused",
                  "message": "this Idempotency-Key was used for a different melding; use a new key for a new melding"
                }
              ]
            }
          },
          "lateRegistrationReasonMissing": {
            "value": {
              "statusCode": 422,
              "error": "semantic-conflict",
              "fields": [
                {
                  "path": "lateRegistration.reason",
                  "code": "late-registration-reason-missing",
                  "message": "this melding is registered 2 days 11 hours after it was received, more than PT24H (RECEIPT_REASON_AFTER): say why in lateRegistration.reason, one of batchverwerking, schriftelijk-ontvangen, storing, doorgestuurd-door-andere-regio, anders",
                  "allowed": [
                    "batchverwerking",
                    "schriftelijk-ontvangen",
                    "storing",
                    "doorgestuurd-door-andere-regio",
                    "anders"
                  ]
                }
              ]
            }
          }
        }
      }
    }
  },
  "getMelding": {
    "tags": [
      "meldingen"
    ],
    "summary": "Read a melding",
    "description": "Roles `call-handler`, `triage`, `investigator`, `auditor` or `privacy-officer` (who looks up whom to erase), for a melding in a region the token covers. `X-Access-Purpose` is required; the read is recorded as `CaseDataAccessed` on `vt.audit.access.v1` before the answer is sent.",
    "responses": {
      "200": {
        "description": "The melding.",
        "schema": "MeldingView"
      },
      "400": {
        "description": "`X-Access-Purpose` is missing or not one of the codes (`validation-failed`, path `X-Access-Purpose`, code `purpose-required` or `purpose-not-a-code`), or the id is not a UUID (Nest's plain 400 body). Every failing field at once. Nest's plain 400 body, for a path id that is not a UUID on the reads. (`error`: `validation-failed`, `Bad Request`)"
      },
      "404": {
        "description": "No such melding. (`error`: `melding-not-found`)"
      }
    }
  },
  "getHouseholdMeldingen": {
    "tags": [
      "meldingen"
    ],
    "summary": "Read a household's meldingen",
    "description": "Roles `call-handler`, `triage`, `investigator`, `auditor` or `privacy-officer` (who looks up whom to erase); a household known in several regions is readable by whoever covers one of them. `X-Access-Purpose` is required; the read is recorded as `CaseDataAccessed` before the answer is sent. Meldingen are in the order they were received.",
    "responses": {
      "200": {
        "description": "The household's meldingen.",
        "schema": "HouseholdMeldingen"
      },
      "400": {
        "description": "`X-Access-Purpose` is missing or not one of the codes (`validation-failed`, path `X-Access-Purpose`, code `purpose-required` or `purpose-not-a-code`), or the id is not a UUID (Nest's plain 400 body). Every failing field at once. Nest's plain 400 body, for a path id that is not a UUID on the reads. (`error`: `validation-failed`, `Bad Request`)"
      },
      "404": {
        "description": "No meldingen for this household. (`error`: `household-not-found`)"
      }
    }
  },
  "registerAdviesvraag": {
    "tags": [
      "adviesvragen"
    ],
    "summary": "Register an adviesvraag",
    "description": "Role `call-handler`; when a household is named, its region must be covered. Any channel, `chat` included. The adviesvraag and `AdviesvraagReceived` are committed in one transaction before the 201; each adviesvraag gets a new household id. `Idempotency-Key` works as for a melding; its keys are kept apart from the meldingen's. JSON body of at most 256 kB.",
    "requestExamples": {
      "school": {
        "summary": "A teacher asks advice through chat",
        "value": {
          "channel": "chat",
          "adviesvrager": {
            "kind": "professional",
            "sector": "onderwijs",
            "role": "melder"
          },
          "household": {
            "gemeenteCode": "GM0363"
          },
          "persons": [
            {
              "role": "child-involved",
              "estimatedAge": 9
            }
          ],
          "concerns": {
            "aard": [
              "kindermishandeling"
            ],
            "tags": [
              "psychisch-geweld"
            ],
            "question": "What the caller asks advice about."
          },
          "advice": "The advice given."
        }
      }
    },
    "responses": {
      "201": {
        "description": "Stored (or a retry with the same key and body, answered as the first time).",
        "schema": "AdviesvraagRegistered"
      },
      "400": {
        "description": "Every failing field at once. An unknown field has code `unknown-field`; a malformed `Idempotency-Key` has path `Idempotency-Key`. A melding's `receivedAt` that is missing (`isString`), malformed (`received-at-format`), in the future (`received-at-in-future`) or before 2015 (`received-at-before-lower-bound`) has path `receivedAt`. (`error`: `validation-failed`)",
        "examples": {
          "melding": {
            "value": {
              "statusCode": 400,
              "error": "validation-failed",
              "fields": [
                {
                  "path": "persons[0].bsn",
                  "code": "bsn-fails-elfproef",
                  "message": "This is not a valid BSN (it fails the elfproef); a digit is probably wrong or two digits are swapped."
                },
                {
                  "path": "melder.phone",
                  "code": "contact-missing",
                  "message": "a melding needs the melder’s phone number or e-mail address, so Veilig Thuis can reach the melder"
                }
              ]
            }
          }
        }
      },
      "422": {
        "description": "A semantic conflict: an unknown gemeente (`unknown-gemeente`, with the three closest names as `suggestions`), a melding through `chat` (`channel-advice-only`), an aard or tag whose age rule the ages recorded contradict (path `concerns.aard` or `concerns.tags`: `victim-not-elderly` for ouderenmishandeling or financieel-misbruik-ouderen when every victim is known to be under 65 on the day of receipt, `no-minor-for-kindermishandeling` when everyone is known to be 18 or older and none is child-involved; the message names the `persons[i].birthDate`/`estimatedAge` fields; an unknown age is accepted, docs/adr/0036), a radar join that radar does not allow (path `radar.join`: `case-closed`, `different-households`, `moved`, `address-unknown`, or `not-matched` for a household radar did not propose), a melding registered more than `RECEIPT_REASON_AFTER` after its `receivedAt` without `lateRegistration.reason` (`late-registration-reason-missing`, with the codes in `allowed`), or a `lateRegistration` on a melding that is not late (`late-registration-not-late`); or an `Idempotency-Key` used before for a different body (`idempotency-key-reused`). A retry with the same key and body gets the first answer even when the melding would now count as late. The request is well-formed but conflicts with what intake knows. The `Idempotency-Key` was used before for a different body. (`error`: `semantic-conflict`, `idempotency-key-reused`)",
        "examples": {
          "unknownGemeente": {
            "value": {
              "statusCode": 422,
              "error": "semantic-conflict",
              "fields": [
                {
                  "path": "household.gemeenteCode",
                  "code": "unknown-gemeente",
                  "message": "\"Amsterdm\" is not a gemeente in gemeenten-2023. Did you mean \"Amsterdam\", \"Amstelveen\", \"Asten\"?",
                  "suggestions": [
                    "Amsterdam",
                    "Amstelveen",
                    "Asten"
                  ]
                }
              ]
            }
          },
          "radarJoinRefused": {
            "value": {
              "statusCode": 422,
              "error": "semantic-conflict",
              "fields": [
                {
                  "path": "radar.join",
                  "code": "moved",
                  "message": "household 5e2d8f71-9a4b-4c6d-8e1f-2a3b4c5d6e7f is known at another address than this melding's (someone moved); the melding opens its own household and the match is recorded as a link for triage"
                }
              ]
            }
          },
          "keyReused": {
            "value": {
              "statusCode": 422,
              "error": "idempotency-key-reused",
              "fields": [
                {
                  "path": "Idempotency-Key",
                  "code": "idempotency-key-reused",
                  "message": "this Idempotency-Key was used for a different melding; use a new key for a new melding"
                }
              ]
            }
          },
          "lateRegistrationReasonMissing": {
            "value": {
              "statusCode": 422,
              "error": "semantic-conflict",
              "fields": [
                {
                  "path": "lateRegistration.reason",
                  "code": "late-registration-reason-missing",
                  "message": "this melding is registered 2 days 11 hours after it was received, more than PT24H (RECEIPT_REASON_AFTER): say why in lateRegistration.reason, one of batchverwerking, schriftelijk-ontvangen, storing, doorgestuurd-door-andere-regio, anders",
                  "allowed": [
                    "batchverwerking",
                    "schriftelijk-ontvangen",
                    "storing",
                    "doorgestuurd-door-andere-regio",
                    "anders"
                  ]
                }
              ]
            }
          }
        }
      }
    }
  },
  "getAdviesvraag": {
    "tags": [
      "adviesvragen"
    ],
    "summary": "Read an adviesvraag",
    "description": "Roles `call-handler`, `triage`, `investigator`, `auditor` or `privacy-officer`, for an adviesvraag in a region the token covers; an adviesvraag whose caller named no gemeente has no region, so only a national token (`*`) reads it. `X-Access-Purpose` is required; the read is recorded as `CaseDataAccessed` (subject `adviesvraag`) on `vt.audit.access.v1` before the answer is sent. Tells who is on the adviesvraag by id, so that a privacy officer can erase the adviesvrager or a person (`POST /api/v1/privacy/erasures`); names, contact details, the question and the advice stay out.",
    "responses": {
      "200": {
        "description": "The adviesvraag.",
        "schema": "AdviesvraagView"
      },
      "400": {
        "description": "`X-Access-Purpose` is missing or not one of the codes (`validation-failed`, path `X-Access-Purpose`, code `purpose-required` or `purpose-not-a-code`), or the id is not a UUID (Nest's plain 400 body). Every failing field at once. Nest's plain 400 body, for a path id that is not a UUID on the reads. (`error`: `validation-failed`, `Bad Request`)"
      },
      "404": {
        "description": "No such adviesvraag. (`error`: `adviesvraag-not-found`)"
      }
    }
  },
  "convertAdviesvraagToMelding": {
    "tags": [
      "adviesvragen"
    ],
    "summary": "Turn an adviesvraag into a melding",
    "description": "Role `call-handler`, for an adviesvraag whose region (if any) the token covers. The body is a melding's, with the melding's rules (no `chat`, the melder's phone or e-mail, `receivedAt` and a late registration's reason, radar). The melding's `receivedAt` is when Veilig Thuis received the melding: when the adviesvraag came in (the caller decided during that call) or later, never before it; its clocks run from there. In one transaction the melding is registered, the adviesvraag is marked converted and `AdviesvraagConvertedToMelding` is written. Radar follows the melding's rules (docs/adr/0018): the melding joins a household only on a `radar.join` decision radar allows; otherwise it keeps the adviesvraag's household id and the matches are links for triage. No `Idempotency-Key`: a retried conversion gets the 409 naming the melding, never a second melding.",
    "responses": {
      "201": {
        "description": "Converted.",
        "schema": "AdviesvraagConverted"
      },
      "400": {
        "description": "The melding body breaks a rule (as for `POST /api/v1/meldingen`), or the id is not a UUID (path `adviesvraagId`, code `invalid-uuid`). Every failing field at once. (`error`: `validation-failed`)"
      },
      "404": {
        "description": "No such adviesvraag. (`error`: `adviesvraag-not-found`)"
      },
      "409": {
        "description": "The adviesvraag already became a melding (also the loser of two concurrent conversions). The adviesvraag already became melding `meldingId`. (`error`: `adviesvraag-already-converted`)"
      },
      "422": {
        "description": "An unknown gemeente (with `suggestions`), a melding through `chat` (`channel-advice-only`), an aard or tag whose age rule the ages recorded contradict (path `concerns.aard` or `concerns.tags`: `victim-not-elderly` for ouderenmishandeling or financieel-misbruik-ouderen when every victim is known to be under 65 on the day of receipt, `no-minor-for-kindermishandeling` when everyone is known to be 18 or older and none is child-involved; the message names the `persons[i].birthDate`/`estimatedAge` fields; an unknown age is accepted, docs/adr/0036), a `receivedAt` before the adviesvraag's (`received-before-adviesvraag`), a late registration without its reason / a reason on a melding that is not late (`late-registration-reason-missing` with `allowed`, `late-registration-not-late`), or a radar join radar does not allow (path `radar.join`: `case-closed`, `different-households`, `moved`, `address-unknown`, `not-matched`). The request is well-formed but conflicts with what intake knows. (`error`: `semantic-conflict`)"
      }
    }
  },
  "radarMatches": {
    "tags": [
      "radar"
    ],
    "summary": "See what radar proposes before saving a melding",
    "description": "Role `call-handler`, for a household in a region the token covers (as registration). Radar looks for earlier involvement of the persons nationally (by BSN, or name + date of birth + postcode + house number) and answers per household found: its id, region, status, which submitted persons matched (by index) and on what, and whether the melding may join it (`mayJoin`), with the reason when not. The call handler then decides in the melding body (`radar.join`). Nothing is stored but the audit: each household found is recorded as `CaseDataAccessed` (subject `household`, with `X-Access-Purpose`) on `vt.audit.access.v1` before the answer is sent.",
    "requestExamples": {
      "typing": {
        "summary": "Mother and child of the melding being typed",
        "value": {
          "household": {
            "gemeenteCode": "GM0363",
            "postcode": "1011ab",
            "houseNumber": "1"
          },
          "persons": [
            {
              "role": "victim",
              "name": "A. Jansen",
              "birthDate": "1990-06-15",
              "bsn": "999993653"
            },
            {
              "role": "child-involved",
              "name": "B. Jansen",
              "birthDate": "2016-09-01"
            }
          ]
        }
      }
    },
    "responses": {
      "200": {
        "description": "What radar proposes.",
        "schema": "RadarMatchesAnswer",
        "examples": {
          "twoHouseholds": {
            "summary": "The mother and the child are known in two different households: neither may be joined",
            "value": {
              "classification": "vervolgmelding",
              "households": [
                {
                  "householdId": "5e2d8f71-9a4b-4c6d-8e1f-2a3b4c5d6e7f",
                  "region": "vt-amsterdam-amstelland",
                  "status": "open",
                  "matches": [
                    {
                      "person": 0,
                      "matchedOn": "bsn"
                    }
                  ],
                  "mayJoin": false,
                  "reason": "different-households",
                  "message": "not every person radar matched belongs to household 5e2d8f71-9a4b-4c6d-8e1f-2a3b4c5d6e7f alone: someone is known only in another household, or also in another running case; the melding opens its own household and the match is recorded as a link for triage"
                },
                {
                  "householdId": "7a1c3e5f-2b4d-4f6a-8c9e-1d2f3a4b5c6d",
                  "region": "vt-amsterdam-amstelland",
                  "status": "closed",
                  "matches": [
                    {
                      "person": 1,
                      "matchedOn": "name-dob-address"
                    }
                  ],
                  "mayJoin": false,
                  "reason": "case-closed",
                  "message": "household 7a1c3e5f-2b4d-4f6a-8c9e-1d2f3a4b5c6d is a closed case (its record is closed, or zicht op veiligheid was handed over by an accepted overdracht). A melding about it is a hermelding; the melding opens its own household and the match is recorded as a link for triage"
                }
              ],
              "unchecked": []
            }
          }
        }
      },
      "400": {
        "description": "A person or address field breaks a melding rule (`validation-failed`, every failing field), or `X-Access-Purpose` is missing or not a code (`purpose-required`, `purpose-not-a-code`). Every failing field at once."
      },
      "422": {
        "description": "An unknown gemeente (`unknown-gemeente`, with `suggestions`). The request is well-formed but conflicts with what intake knows. (`error`: `semantic-conflict`)"
      }
    }
  },
  "registerErasureRequest": {
    "tags": [
      "privacy"
    ],
    "summary": "Record a destruction request and start its 3-month clock",
    "description": "Roles `privacy-officer` or `admin`, in a region the token covers. Starts the `vernietigingsverzoek` clock (3 months, counted as an Atw term in the household's calendar; legal basis by the household's jurisdiction from config/legal-bases.json: Wmo 2015 art. 5.3.5 in the European Netherlands, the Wbp BES [verify] on the islands) and writes `ErasureRequested` on `vt.privacy.erasures.v1` in the same transaction. The clock writes `ErasureDeadlineApproaching` and `ErasureDeadlineBreached` until an erasure carries the request out. `vt privacy request` calls this.",
    "responses": {
      "201": {
        "description": "Recorded; the clock runs.",
        "schema": "ErasureRequestRegistered"
      },
      "400": {
        "description": "Every failing field at once. An unknown field has code `unknown-field`; a malformed `Idempotency-Key` has path `Idempotency-Key`. A melding's `receivedAt` that is missing (`isString`), malformed (`received-at-format`), in the future (`received-at-in-future`) or before 2015 (`received-at-before-lower-bound`) has path `receivedAt`. (`error`: `validation-failed`)",
        "examples": {
          "melding": {
            "value": {
              "statusCode": 400,
              "error": "validation-failed",
              "fields": [
                {
                  "path": "persons[0].bsn",
                  "code": "bsn-fails-elfproef",
                  "message": "This is not a valid BSN (it fails the elfproef); a digit is probably wrong or two digits are swapped."
                },
                {
                  "path": "melder.phone",
                  "code": "contact-missing",
                  "message": "a melding needs the melder’s phone number or e-mail address, so Veilig Thuis can reach the melder"
                }
              ]
            }
          }
        }
      },
      "404": {
        "description": "No such person or melder. No person or melder with that id in any melding. (`error`: `person-not-found`, `erasure-request-not-found`)"
      },
      "409": {
        "description": "The person is erased already, or has an open request. `person-already-erased` (with `erasure`) or `erasure-request-open` (with the open `requestId`)."
      }
    }
  },
  "erasePerson": {
    "tags": [
      "privacy"
    ],
    "summary": "Erase a person's data (crypto-shredding)",
    "description": "Roles `privacy-officer` or `admin`, in a region the token covers. The person is a person or the melder of a melding (ids in `GET /api/v1/meldingen/{meldingId}`), or a person or the adviesvrager of an adviesvraag (ids in `GET /api/v1/adviesvragen/{adviesvraagId}`; an adviesvrager is erased as subject kind `melder`, the one who called; an adviesvraag without a region needs a national token). In one transaction: destroys the person's data key (every value encrypted for them, in every record and replay, reads as erased from now on), clears their fields in intake's tables (for a melder, also the account; for an adviesvrager, the question and the advice), removes their radar keys, marks the destruction request done, and writes `PersonDataErased` on `vt.privacy.erasures.v1`; every service keeping data keys of its own destroys its key when it reads that. Cannot be undone. `vt privacy erase` calls this.",
    "responses": {
      "201": {
        "description": "Erased.",
        "schema": "PersonErased"
      },
      "400": {
        "description": "Every failing field at once. An unknown field has code `unknown-field`; a malformed `Idempotency-Key` has path `Idempotency-Key`. A melding's `receivedAt` that is missing (`isString`), malformed (`received-at-format`), in the future (`received-at-in-future`) or before 2015 (`received-at-before-lower-bound`) has path `receivedAt`. (`error`: `validation-failed`)",
        "examples": {
          "melding": {
            "value": {
              "statusCode": 400,
              "error": "validation-failed",
              "fields": [
                {
                  "path": "persons[0].bsn",
                  "code": "bsn-fails-elfproef",
                  "message": "This is not a valid BSN (it fails the elfproef); a digit is probably wrong or two digits are swapped."
                },
                {
                  "path": "melder.phone",
                  "code": "contact-missing",
                  "message": "a melding needs the melder’s phone number or e-mail address, so Veilig Thuis can reach the melder"
                }
              ]
            }
          }
        }
      },
      "404": {
        "description": "No such person or melder, or no such destruction request. No person or melder with that id in any melding. (`error`: `person-not-found`, `erasure-request-not-found`)"
      },
      "409": {
        "description": "Erased before: nothing more is done or recorded. The person's data was erased before; nothing more to erase (one erasure, one event). (`error`: `person-already-erased`)"
      },
      "422": {
        "description": "`requestId` names a request about another person (code `request-of-another-person`). The request is well-formed but conflicts with what intake knows. (`error`: `semantic-conflict`)"
      }
    }
  },
  "eraseHousehold": {
    "tags": [
      "privacy"
    ],
    "summary": "Erase the household's own data (its free text) by destroying its key",
    "description": "Roles `privacy-officer` or `admin`, in the region of the household's latest melding or adviesvraag (a national token when it has none). Free text about the household as a whole (an assessment's reasoning, safety conditions, monitoring reasons, a phase change's explanation, crisis notes …) is encrypted under the household's own data key in every service (docs/adr/0020). In one transaction: destroys intake's copy of that key and writes `HouseholdDataErased` on `vt.privacy.erasures.v1`; every service keeping data keys destroys its copy when it reads that, so the text reads as erased in every record, table, replay and rebuild. The persons' own data is erased per person (`POST /api/v1/privacy/erasures`); the retention job does both when a dossier's retention ends. Cannot be undone. `vt privacy erase-household` calls this.",
    "responses": {
      "201": {
        "description": "Erased.",
        "schema": "HouseholdErased"
      },
      "400": {
        "description": "Every failing field at once. An unknown field has code `unknown-field`; a malformed `Idempotency-Key` has path `Idempotency-Key`. A melding's `receivedAt` that is missing (`isString`), malformed (`received-at-format`), in the future (`received-at-in-future`) or before 2015 (`received-at-before-lower-bound`) has path `receivedAt`. (`error`: `validation-failed`)",
        "examples": {
          "melding": {
            "value": {
              "statusCode": 400,
              "error": "validation-failed",
              "fields": [
                {
                  "path": "persons[0].bsn",
                  "code": "bsn-fails-elfproef",
                  "message": "This is not a valid BSN (it fails the elfproef); a digit is probably wrong or two digits are swapped."
                },
                {
                  "path": "melder.phone",
                  "code": "contact-missing",
                  "message": "a melding needs the melder’s phone number or e-mail address, so Veilig Thuis can reach the melder"
                }
              ]
            }
          }
        }
      },
      "404": {
        "description": "No melding or adviesvraag of that household. No meldingen for this household. (`error`: `household-not-found`)"
      },
      "409": {
        "description": "Erased before: nothing more is done or recorded. The household's own data was erased before; nothing more to erase (one erasure, one event). (`error`: `household-already-erased`)"
      }
    }
  }
} satisfies Record<string, DescribedOperation>;
