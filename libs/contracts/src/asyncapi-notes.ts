import type { Json } from './asyncapi';

/*
 * What docs/asyncapi.yaml says that the event catalog cannot (docs/adr/0029): the document's description and
 * servers, each channel's title and description, each message's prose (what `subject` and the ids mean, who
 * produces it and when), the operations (who sends and who receives what), the dead letters and the chain
 * heads. `asyncapi.ts` lays each entry over what it generates from `EVENT_CATALOG`, `TOPICS` and
 * `envelope.ts`: objects merge key by key, `null` removes a generated key. Carried over from the hand-kept
 * document this replaced. A new event needs no entry here; add one when it has more to say than its summary.
 */

export interface AsyncApiNotes {
  info: Json;
  servers: Json;
  operations: Json;
  parameters: Json;
  correlationIds: Json;
  /** Messages that are not events of the catalog (dead letters, chain heads). */
  extraMessages: Record<string, Json>;
  /** By channel name (`TOPICS` key, `partnerReferrals`, `partnerResponses`, `signalMatches`, `shelterOffers`, `deadLetters`). */
  channels: Record<string, Json>;
  /** By message name (`intake.MeldingReceived.v1`). */
  messages: Record<string, Json>;
  /** Component schemas that are not data schemas, and what the shared ones say beyond the code. */
  schemas: Record<string, Json>;
  /** Descriptions of data-schema properties beyond those in the code, by message name. */
  dataSchemas: Record<string, Json>;
}

export const ASYNCAPI_NOTES: AsyncApiNotes = {
  "info": {
    "title": "Veilig Thuis case routing",
    "version": "0.1.0",
    "description": "Every Kafka topic and event of the Veilig Thuis case routing system, as defined in `libs/contracts`\n(`TOPICS`, `EVENT_CATALOG`, `envelope.ts`), and generated from them: `npm run docs:generate` writes it\n(`libs/contracts/src/asyncapi.ts`, with the prose of `asyncapi-notes.ts`), and `libs/contracts/src/asyncapi.spec.ts`\nfails when the committed file is not what the code generates (docs/adr/0029). A message whose type has a\nnewer version says so in `x-superseded-by`.\n\n**Record layout.** Every record value is one CloudEvents 1.0 event in structured JSON mode\n(`application/cloudevents+json`): the envelope attributes plus `data`, whose schema is named by\n`dataschema`. The record key is the household id (the `householdid` extension), so one household's\nevents stay in order on one partition. Record headers `content-type`, `ce_id` and `ce_type` repeat\nwhat the envelope says so a reader can route without parsing; the envelope is the authority.\n\n**Delivery.** Producers write events to a Postgres outbox in the transaction that changes their\nstate; a relay publishes them with an idempotent producer and `acks=-1` (docs/adr/0002). Delivery is\nat least once: consumers deduplicate on the envelope `id`.\n\n**Topic prefix.** A deployment may set `TOPIC_PREFIX`; every topic and consumer-group name on the\nbroker is then that prefix followed by the name given here. Production uses no prefix. The tests give\neach test file its own prefix `t<8 hex digits>.` (libs/testing `testEnvironment`), e.g.\n`t3f9a0c21.vt.intake.meldingen.v1`.\n\nTopics are created at start by the services that produce or consume them, with the partitions and\nretention below; partner referral topics are created by the outbox relay when it first publishes to\none (docs/adr/0003).\n",
    "license": {
      "name": "EUPL-1.2"
    }
  },
  "servers": {
    "local": {
      "host": "127.0.0.1:9092",
      "protocol": "kafka",
      "protocolVersion": "4.4.0",
      "description": "A single Apache Kafka 4.4.0 broker in KRaft mode on loopback, plaintext, no authentication.\n`docker-compose.yml` publishes it on 127.0.0.1:9092; the Maven-Central launcher\n(`node tools/infra.mjs up`) picks a free port and prints it as `KAFKA_BROKERS`. SASL/SCRAM\nlisteners and ACLs per service and partner arrive with the security issue.\n"
    }
  },
  "operations": {
    "intakeSendsMeldingReceived": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/meldingen"
      },
      "title": "Intake publishes a registered melding",
      "summary": "POST /api/v1/meldingen stores the melding and this event in one transaction; the outbox relay publishes it.",
      "tags": [
        {
          "name": "intake"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/meldingen/messages/meldingReceived"
        }
      ]
    },
    "intakeSendsAdviesvraagEvents": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/adviesvragen"
      },
      "title": "Intake publishes adviesvragen and their conversion into meldingen",
      "description": "`POST /api/v1/adviesvragen` stores the adviesvraag and AdviesvraagReceived in one transaction.\n`POST /api/v1/adviesvragen/{id}/melding` registers a melding as `POST /api/v1/meldingen` does and, in\nthe same transaction, marks the adviesvraag converted and writes AdviesvraagConvertedToMelding next to\nthe MeldingReceived (which names the adviesvraag in `convertedFromAdviesvraag`). No service consumes\nthese events yet.\n",
      "tags": [
        {
          "name": "intake"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/adviesvragen/messages/adviesvraagReceived"
        },
        {
          "$ref": "#/channels/adviesvragen/messages/adviesvraagConvertedToMelding"
        }
      ]
    },
    "intakeSendsCaseDataAccessed": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/auditAccess"
      },
      "title": "Intake records every read of case data",
      "description": "`GET /api/v1/meldingen/{id}`, `GET /api/v1/households/{id}/meldingen`, `GET /api/v1/adviesvragen/{id}`\nand `POST /api/v1/radar/matches` need `X-Access-Purpose` (a code of ACCESS_PURPOSES) and record the\nread before they answer. Written as v2 (docs/adr/0020); v1 records are only read.\n",
      "tags": [
        {
          "name": "intake"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/auditAccess/messages/caseDataAccessedV2"
        }
      ]
    },
    "crisisTriageSendsCaseDataAccessed": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/auditAccess"
      },
      "title": "Crisis triage records every read of case data",
      "description": "`GET /api/v1/regions/{region}/crisis-queue` and `GET /api/v1/regions/{region}/assessment-queue` (one\nrecord per melding listed), `GET /api/v1/deadlines?householdId=` and\n`GET /api/v1/households/{id}/informing` (one per household) need `X-Access-Purpose` (a code of\nACCESS_PURPOSES), are scoped to the caller's VT region and record the read before they answer.\n",
      "tags": [
        {
          "name": "crisis-triage"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/auditAccess/messages/caseDataAccessedV2"
        }
      ]
    },
    "safetyInvestigationSendsCaseDataAccessed": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/auditAccess"
      },
      "title": "Safety investigation records every read of case data, a partner's included",
      "description": "`GET /api/v1/households/{id}`, `GET /api/v1/households/{id}/investigations`,\n`GET /api/v1/investigations/{id}` and `GET /api/v1/households/{id}/huisverboden` need\n`X-Access-Purpose` (a code of ACCESS_PURPOSES), are scoped to the household's VT region and record the\nread before they answer (subject `household`).\n\n`GET /api/v1/partner/referrals/{referralId}/safety-conditions` (role `partner`, the token's `partner`\nclaim naming the partner the referral was issued to, a partner type whose projection holds the\nconditions) records the read before it answers: subject `{ kind: referral, id }`, purpose from what the\nreferral asked (`voorwaarden` → `monitoring`, `overdracht` → `overdracht`, `verzoek-onderzoek` →\n`onderzoek`), fields `[safetyConditions]`, actor `user:partner:<partnerId>:<sub>`. Refused reads (another\npartner 404, a type without conditions 403, erased 410) disclose nothing and record nothing.\n",
      "tags": [
        {
          "name": "safety-investigation"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/auditAccess/messages/caseDataAccessedV2"
        }
      ]
    },
    "servicesSendChainHeads": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/auditChainHeads"
      },
      "title": "Every service signs the chain heads of each batch its outbox relay publishes",
      "description": "One checkpoint per relay batch, signed with `AUDIT_SIGNING_KEY` under `AUDIT_KEY_ID`; the public\nkeys are published in `config/audit/public-keys.json`.\n",
      "tags": [
        {
          "name": "intake"
        },
        {
          "name": "crisis-triage"
        },
        {
          "name": "safety-investigation"
        },
        {
          "name": "referral"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/auditChainHeads/messages/chainHeadsCheckpoint"
        }
      ]
    },
    "intakeSendsErasureEvents": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/privacyErasures"
      },
      "title": "Intake records destruction requests, their clock, and erasures",
      "description": "`POST /api/v1/privacy/erasure-requests` (privacy officer or admin) records a destruction request and\nstarts its durable 3-month clock (ErasureRequested); the clock's runner writes\nErasureDeadlineApproaching and ErasureDeadlineBreached while the person's data is not erased.\n`POST /api/v1/privacy/erasures` (`vt privacy erase`) destroys the person's data key, clears their\nfields in intake's tables and writes PersonDataErased in the same transaction. The person may be\non a melding (a person or the melder) or on an adviesvraag (a person, or the adviesvrager as\nsubjectKind `melder`). The retention job does the same for every person of a household whose\nretention period ended (actor `system:retention`, reason `bewaartermijn-verstreken`).\n",
      "tags": [
        {
          "name": "intake"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/privacyErasures/messages/erasureRequested"
        },
        {
          "$ref": "#/channels/privacyErasures/messages/erasureDeadlineApproaching"
        },
        {
          "$ref": "#/channels/privacyErasures/messages/erasureDeadlineBreached"
        },
        {
          "$ref": "#/channels/privacyErasures/messages/personDataErased"
        }
      ]
    },
    "servicesReceivePersonDataErased": {
      "action": "receive",
      "channel": {
        "$ref": "#/channels/privacyErasures"
      },
      "title": "Every service with personal data destroys its own key of an erased person",
      "description": "Services started with `personalData: true` (libs/runtime; today intake and safety-investigation)\nconsume PersonDataErased in a group of their own and destroy their data key of that person in the\ninbox transaction (libs/privacy `destroyOnErasure`), so erasure reaches every key table once.\n",
      "tags": [
        {
          "name": "intake"
        },
        {
          "name": "safety-investigation"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/privacyErasures/messages/personDataErased"
        }
      ],
      "bindings": {
        "kafka": {
          "groupId": {
            "type": "string",
            "description": "`<service>-erasures`, e.g. `intake-erasures`, `safety-investigation-erasures`; the deployment's TOPIC_PREFIX is put in front of it."
          },
          "bindingVersion": "0.5.0"
        }
      }
    },
    "intakeReceivesHouseholdPhases": {
      "action": "receive",
      "channel": {
        "$ref": "#/channels/householdPhases"
      },
      "title": "Intake keeps radar's view of which cases are open",
      "description": "A household whose record opened is an open case; one whose phase changed to `gesloten` a closed\ncase, and so is one whose zicht op veiligheid was handed over (`HouseholdHandedOver`, an accepted\noverdracht) until it enters directe veiligheid again. Intake keeps the latest time of each fact\n(table `household_case`), so the status does not depend on arrival order; each event is applied\nonce (inbox). Radar classifies a later melding about someone in it as vervolgmelding (open) or\nhermelding (closed), and proposes whether the melding may join that household (docs/adr/0018).\n",
      "tags": [
        {
          "name": "intake"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/householdPhases/messages/householdRecordOpened"
        },
        {
          "$ref": "#/channels/householdPhases/messages/householdPhaseChanged"
        },
        {
          "$ref": "#/channels/householdPhases/messages/householdPhaseChangedV2"
        },
        {
          "$ref": "#/channels/householdPhases/messages/householdHandedOver"
        }
      ],
      "bindings": {
        "kafka": {
          "groupId": {
            "type": "string",
            "const": "intake",
            "description": "Logical group id; the deployment's TOPIC_PREFIX is put in front of it."
          },
          "bindingVersion": "0.5.0"
        }
      }
    },
    "intakeReceivesTriageFacts": {
      "action": "receive",
      "channel": {
        "$ref": "#/channels/triageAssessments"
      },
      "title": "Intake follows each melding through triage",
      "description": "The status a melding read shows: `acute-check-done` after AcuteCheckCompleted,\n`with-crisis-function` after CrisisInterventionRequested, `assessed` (with the outcome) after\nSafetyAssessmentCompleted. A status only moves forward.\n",
      "tags": [
        {
          "name": "intake"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/triageAssessments/messages/acuteCheckCompleted"
        },
        {
          "$ref": "#/channels/triageAssessments/messages/crisisInterventionRequested"
        },
        {
          "$ref": "#/channels/triageAssessments/messages/safetyAssessmentCompleted"
        },
        {
          "$ref": "#/channels/triageAssessments/messages/safetyAssessmentCompletedV2"
        }
      ],
      "bindings": {
        "kafka": {
          "groupId": {
            "type": "string",
            "const": "intake",
            "description": "Logical group id; the deployment's TOPIC_PREFIX is put in front of it."
          },
          "bindingVersion": "0.5.0"
        }
      }
    },
    "crisisTriageReceivesMeldingReceived": {
      "action": "receive",
      "channel": {
        "$ref": "#/channels/meldingen"
      },
      "title": "Crisis triage checks every melding for acute unsafety",
      "description": "Applied once (inbox): the acute check, the melding in its region's assessment queue with its\nveiligheidsbeoordeling clock from `receivedAt` (receipt), and one informeren-betrokkenen clock per person of the\nmelding (not the melder) from `registeredAt` (registration; `receivedAt` when absent), the persons (id and role)\nkept to record informing against (docs/adr/0021). At start, while melding-level informing clocks of earlier\nreleases remain, crisis-triage also reads this topic from the beginning to its end offsets in a throw-away group\n`crisis-triage.informing-migration.<uuid>` for those meldingen's MeldingReceived, and converts each such clock\ninto clocks per person (DeadlineSuperseded); a melding whose event is not found keeps its clock and is logged.\n",
      "tags": [
        {
          "name": "crisis-triage"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/meldingen/messages/meldingReceived"
        }
      ],
      "bindings": {
        "kafka": {
          "groupId": {
            "type": "string",
            "const": "crisis-triage",
            "description": "Logical group id; the deployment's TOPIC_PREFIX is put in front of it."
          },
          "bindingVersion": "0.5.0"
        }
      }
    },
    "crisisTriageReceivesNewAssessmentRequested": {
      "action": "receive",
      "channel": {
        "$ref": "#/channels/householdPhases"
      },
      "title": "Crisis triage opens the new veiligheidsbeoordeling that monitoring asked for",
      "description": "The request joins the region's assessment queue (`basis: monitoring`, `subjectId` = the request's\nevent id) with its own veiligheidsbeoordeling clock from `requestedAt` (DeadlineStarted, subject =\nthe request's event id), in the region and calendar of the household's latest melding. When the\nhousehold's veiligheidsbeoordeling is still open the request joins it instead (AssessmentRequestJoined,\nno second clock). Applied once (inbox); the other household facts are not read.\n",
      "tags": [
        {
          "name": "crisis-triage"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/householdPhases/messages/newAssessmentRequested"
        },
        {
          "$ref": "#/channels/householdPhases/messages/newAssessmentRequestedV2"
        }
      ],
      "bindings": {
        "kafka": {
          "groupId": {
            "type": "string",
            "const": "crisis-triage",
            "description": "Logical group id; the deployment's TOPIC_PREFIX is put in front of it."
          },
          "bindingVersion": "0.5.0"
        }
      }
    },
    "crisisTriageSendsAcuteCheckCompleted": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/triageAssessments"
      },
      "title": "Crisis triage publishes the acute check",
      "tags": [
        {
          "name": "crisis-triage"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/triageAssessments/messages/acuteCheckCompleted"
        }
      ]
    },
    "crisisTriageSendsCrisisInterventionRequested": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/triageAssessments"
      },
      "title": "Crisis triage hands an acute melding to the region's crisis function",
      "summary": "Written in the same transaction as the AcuteCheckCompleted that found the melding acute.",
      "description": "Read by the 24/7 crisis function of the melding's VT region: its crisis queue is HTTP\n`GET /api/v1/regions/{region}/crisis-queue` on crisis-triage (`{region}` is a VT region code such\nas `vt-west-brabant`, docs/adr/0017), which lists the region's open interventions and for which\npersons immediate safety is already confirmed. No service consumes this event from Kafka yet.\n",
      "tags": [
        {
          "name": "crisis-triage"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/triageAssessments/messages/crisisInterventionRequested"
        }
      ]
    },
    "crisisTriageSendsCrisisActionRecorded": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/triageAssessments"
      },
      "title": "Crisis triage records what crisis staff did for an acute melding",
      "description": "`POST /api/v1/crisis-interventions/{interventionId}/actions` stores the action and this event in\none transaction. Action `immediate-safety-confirmed` names a person of the melding; once every\nperson's immediate safety is confirmed, the intervention leaves the crisis queue.\n",
      "tags": [
        {
          "name": "crisis-triage"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/triageAssessments/messages/crisisActionRecorded"
        }
      ]
    },
    "crisisTriageSendsSafetyAssessmentCompleted": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/triageAssessments"
      },
      "title": "Crisis triage publishes the completed veiligheidsbeoordeling",
      "description": "`POST /api/v1/meldingen/{meldingId}/safety-assessment` stores taxatie, outcome and reasoning and\nthis event in one transaction, and completes the melding's veiligheidsbeoordeling clock (with a\nDeadlineMet when in time). Outcome `onderzoek` starts the onderzoek clock. The region's work queue\nis `GET /api/v1/regions/{region}/assessment-queue`, ordered by deadline. A new assessment that\nmonitoring requested is completed with `POST /api/v1/assessment-requests/{requestId}/safety-assessment`;\nits event names the household's latest melding as `meldingId` and carries `basedOn` (basis\n`monitoring`, the request's event id, the monitoring period).\n",
      "tags": [
        {
          "name": "crisis-triage"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/triageAssessments/messages/safetyAssessmentCompleted"
        },
        {
          "$ref": "#/channels/triageAssessments/messages/safetyAssessmentCompletedV2"
        }
      ]
    },
    "crisisTriageSendsAssessmentRequestJoined": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/triageAssessments"
      },
      "title": "Crisis triage records that a requested assessment joined the household's open one",
      "description": "A NewAssessmentRequested for a household whose veiligheidsbeoordeling is still open (a melding's,\nor an earlier request's) opens no second assessment and starts no second clock: the request joins\nthe open one. The join row (`assessment_request_joined`) and this event are written in one\ntransaction; `joinedSubjectId` is the open assessment's subject id. The request is answered when\nthat assessment is completed (docs/adr/0013).\n",
      "tags": [
        {
          "name": "crisis-triage"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/triageAssessments/messages/assessmentRequestJoined"
        },
        {
          "$ref": "#/channels/triageAssessments/messages/assessmentRequestJoinedV2"
        }
      ]
    },
    "crisisTriageSendsInforming": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/triageAssessments"
      },
      "title": "Crisis triage records informing an involved person, or the ground for not informing them",
      "description": "`POST /api/v1/households/{householdId}/persons/{personId}/informing` (role triage or investigator) with\n`{ informedAt, method }` or `{ withheld: { ground } }`. In one transaction it locks the person's\ninformeren-betrokkenen clocks, writes InvolvedPersonInformed or InformingWithheld (`metClocks`: the person's open\nclocks started at or before the moment, each in time or not) and a DeadlineMet per clock met in time, caused by\nit; a clock met late ends completed late. A recording for a person with no open clock is refused (409), so it\nis applied once (docs/adr/0021).\n",
      "tags": [
        {
          "name": "crisis-triage"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/triageAssessments/messages/involvedPersonInformed"
        },
        {
          "$ref": "#/channels/triageAssessments/messages/informingWithheld"
        }
      ]
    },
    "safetyInvestigationSendsInvestigationOpened": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/investigations"
      },
      "title": "Safety-investigation opens the household's integral investigation",
      "description": "On a SafetyAssessmentCompleted with outcome `onderzoek`, safety-investigation opens the household's\none investigation (a later decision while it is open adds nothing new). The 10-week clock is kept by\ncrisis-triage (DeadlineStarted, clock `onderzoek`, subject = the assessment id). Referral reads\nSafetyAssessmentCompleted too and refers by the routing rules (see referralReceivesOutcomes).\n",
      "tags": [
        {
          "name": "safety-investigation"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/investigations/messages/investigationOpened"
        }
      ]
    },
    "crisisTriageSendsDeadlines": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/triageDeadlines"
      },
      "title": "Crisis triage publishes what happens to the statutory clocks",
      "description": "Deadlines are durable timers: a row per clock in crisis-triage's database, fired at most once per\ntimer. Every melding starts the veiligheidsbeoordeling clock (from receipt) and one informeren-betrokkenen\nclock per involved person (from registration; `personId`) (DeadlineStarted); a NewAssessmentRequested starts a veiligheidsbeoordeling clock whose subject is\nthe request's event id; outcome `onderzoek` of a veiligheidsbeoordeling starts the onderzoek clock.\nA timer runner fires what is due, also catching up at start on what fell due while it was down:\nDeadlineApproaching once the lead time before the deadline is reached, DeadlineBreached once the\ndeadline has passed. It locks the due rows (`for update skip locked`, so replicas share the work)\nand moves each row's state in the same transaction that writes the event to the outbox, so a\ntimer is never fired twice for the same deadline. DeadlineMet is written when the work is done\nin time; for an informing clock, when a recording that the person was informed (or of a legal ground for not\ninforming) names a moment at or before its due time, caused by that recording (InvolvedPersonInformed /\nInformingWithheld). DeadlineExtended is written by `POST /api/v1/deadlines/{timerId}/extensions` (only an\ninformeren-betrokkenen clock, one person's, may be extended); the extended deadline may then approach again.\nDeadlineSuperseded ends a melding-level informing clock of earlier releases when the start-up conversion\nreplaced it by clocks per person (each with its DeadlineStarted, and DeadlineApproaching or DeadlineBreached in\nthe old clock's state), in one transaction per melding.\n",
      "tags": [
        {
          "name": "crisis-triage"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/triageDeadlines/messages/deadlineStarted"
        },
        {
          "$ref": "#/channels/triageDeadlines/messages/deadlineApproaching"
        },
        {
          "$ref": "#/channels/triageDeadlines/messages/deadlineBreached"
        },
        {
          "$ref": "#/channels/triageDeadlines/messages/deadlineMet"
        },
        {
          "$ref": "#/channels/triageDeadlines/messages/deadlineSuperseded"
        },
        {
          "$ref": "#/channels/triageDeadlines/messages/deadlineExtended"
        },
        {
          "$ref": "#/channels/triageDeadlines/messages/deadlineExtendedV2"
        }
      ]
    },
    "safetyInvestigationReceivesAcuteCheckCompleted": {
      "action": "receive",
      "channel": {
        "$ref": "#/channels/triageAssessments"
      },
      "title": "Safety investigation opens the household record for a checked melding, or adds the melding to it",
      "tags": [
        {
          "name": "safety-investigation"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/triageAssessments/messages/acuteCheckCompleted"
        }
      ],
      "bindings": {
        "kafka": {
          "groupId": {
            "type": "string",
            "const": "safety-investigation",
            "description": "Logical group id; the deployment's TOPIC_PREFIX is put in front of it."
          },
          "bindingVersion": "0.5.0"
        }
      }
    },
    "safetyInvestigationSendsHouseholdRecordOpened": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/householdPhases"
      },
      "title": "Safety investigation publishes that a household record was opened",
      "tags": [
        {
          "name": "safety-investigation"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/householdPhases/messages/householdRecordOpened"
        }
      ]
    },
    "safetyInvestigationSendsHouseholdPhaseWorkflow": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/householdPhases"
      },
      "title": "Safety investigation publishes the household's phase workflow",
      "summary": "Each command (an acute check, or one of the household HTTP commands) stores the household's events and these messages in one transaction; a refusal is committed on its own.",
      "description": "Since ADR 0020 safety-investigation writes only the second versions. Free text in a request is encrypted\nwith safety-investigation's own key table in the command's transaction, before the decider sees it:\n`how` (ImmediateSafetyConfirmed) under the person's key; a phase change's `explanation`, the safety\nconditions, a monitoring result's and a new-assessment request's `reason` under the household's key\n(`personId` = the household id). The household record (`household_event`) stores the same ciphertext;\nreads decrypt it, and show it as erased (with the date) once the key is destroyed. A phase change's why\nis `reasonCode`. The first versions stay listed: records written before are read through the upcasters.\n",
      "tags": [
        {
          "name": "safety-investigation"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/householdPhases/messages/meldingAddedToHousehold"
        },
        {
          "$ref": "#/channels/householdPhases/messages/immediateSafetyConfirmed"
        },
        {
          "$ref": "#/channels/householdPhases/messages/immediateSafetyConfirmedV2"
        },
        {
          "$ref": "#/channels/householdPhases/messages/householdPhaseChanged"
        },
        {
          "$ref": "#/channels/householdPhases/messages/householdPhaseChangedV2"
        },
        {
          "$ref": "#/channels/householdPhases/messages/safetyConditionsRecorded"
        },
        {
          "$ref": "#/channels/householdPhases/messages/safetyConditionsRecordedV2"
        },
        {
          "$ref": "#/channels/householdPhases/messages/monitoringResultRecorded"
        },
        {
          "$ref": "#/channels/householdPhases/messages/monitoringResultRecordedV2"
        },
        {
          "$ref": "#/channels/householdPhases/messages/householdPhaseChangeRefused"
        }
      ]
    },
    "referralReceivesOutcomes": {
      "action": "receive",
      "channel": {
        "$ref": "#/channels/triageAssessments"
      },
      "title": "Referral refers on the outcome of a veiligheidsbeoordeling, and gives the terugkoppeling",
      "description": "The routing rules (`config/partners/routing.json`) turn an outcome into partner types:\n`overdracht-lokaal-team` → the gemeente's lokaal team, `overdracht-mdt` → the region's MDT,\n`verzoek-rvdk` → the region's RvdK and informing the lokaal team, the investigation's\n`verzoek-beschermingsmaatregel` → the region's openbaar ministerie (ADR 0037). A household known to have no minor\nis never referred to the RvdK or a gecertificeerde instelling (a ReferralRoutingFailed whose v1\nsentence carries `(route-needs-a-minor)`, and no informing of the lokaal team; re-routing skips those\ntypes; ADR 0022). The same consumer group reads\nInvestigationConcluded (`vt.investigation.investigations.v1`), SafetyConditionsRecorded\n(`vt.household.phases.v1`, the parties the conditions are handed to), MeldingReceived\n(`vt.intake.meldingen.v1`, only the melder's kind and role, the persons' ids, roles and whether each is\na minor, and the household's region) and the partners' answers (`vt.partner.<partnerId>.responses.v1` of every\npartner in the directory). A newly opened household is no longer referred by itself.\n",
      "tags": [
        {
          "name": "referral"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/triageAssessments/messages/safetyAssessmentCompleted"
        },
        {
          "$ref": "#/channels/triageAssessments/messages/safetyAssessmentCompletedV2"
        }
      ],
      "bindings": {
        "kafka": {
          "groupId": {
            "type": "string",
            "const": "referral",
            "description": "Logical group id; the deployment's TOPIC_PREFIX is put in front of it."
          },
          "bindingVersion": "0.5.0"
        }
      }
    },
    "referralReceivesPartnerResponses": {
      "action": "receive",
      "channel": {
        "$ref": "#/channels/partnerResponses"
      },
      "title": "Referral applies each partner answer once",
      "description": "One consumer group (`referral-partner-responses`) reads the responses topic of every partner in\nthe directory. An answer is applied once (inbox); one for an unknown referral, from the wrong\npartner, or for a referral no longer open is recorded as PartnerAnswerRefused and not applied.\n",
      "tags": [
        {
          "name": "referral"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/partnerResponses/messages/partnerReferralAccepted"
        },
        {
          "$ref": "#/channels/partnerResponses/messages/partnerReferralDeclined"
        },
        {
          "$ref": "#/channels/partnerResponses/messages/partnerReferralDeclinedV2"
        },
        {
          "$ref": "#/channels/partnerResponses/messages/partnerReferralCompleted"
        }
      ],
      "bindings": {
        "kafka": {
          "groupId": {
            "type": "string",
            "const": "referral-partner-responses",
            "description": "Logical group id; the deployment's TOPIC_PREFIX is put in front of it."
          },
          "bindingVersion": "0.5.0"
        }
      }
    },
    "referralSendsReferralIssued": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/referrals"
      },
      "title": "Referral records each referral, its disclosure and what became of it",
      "tags": [
        {
          "name": "referral"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/referrals/messages/referralIssued"
        },
        {
          "$ref": "#/channels/referrals/messages/referralAccepted"
        },
        {
          "$ref": "#/channels/referrals/messages/referralDeclined"
        },
        {
          "$ref": "#/channels/referrals/messages/referralDeclinedV2"
        },
        {
          "$ref": "#/channels/referrals/messages/referralRerouted"
        },
        {
          "$ref": "#/channels/referrals/messages/referralExpired"
        },
        {
          "$ref": "#/channels/referrals/messages/referralCompleted"
        },
        {
          "$ref": "#/channels/referrals/messages/referralRoutingFailed"
        },
        {
          "$ref": "#/channels/referrals/messages/referralRoutingFailedV2"
        },
        {
          "$ref": "#/channels/referrals/messages/partnerAnswerRefused"
        },
        {
          "$ref": "#/channels/referrals/messages/melderFeedbackGiven"
        },
        {
          "$ref": "#/channels/referrals/messages/melderFeedbackGivenV2"
        }
      ]
    },
    "referralSendsPartnerReferralIssued": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/partnerReferrals"
      },
      "title": "Referral hands the partner its projection of the referral",
      "summary": "Written in the same transaction as the internal ReferralIssued, on the partner's own topic.",
      "tags": [
        {
          "name": "referral"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/partnerReferrals/messages/partnerReferralIssued"
        },
        {
          "$ref": "#/channels/partnerReferrals/messages/partnerReferralIssuedV2"
        },
        {
          "$ref": "#/channels/partnerReferrals/messages/partnerReferralWithdrawn"
        }
      ]
    },
    "signalMatchingSendsSignals": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/signals"
      },
      "title": "Signal matching records registrations, withdrawals, expiries and matches",
      "summary": "Written in the transaction that changes the signal; the pseudonym only encrypted under the signal's key.",
      "tags": [
        {
          "name": "signal-matching"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/signals/messages/signalRegistered"
        },
        {
          "$ref": "#/channels/signals/messages/signalWithdrawn"
        },
        {
          "$ref": "#/channels/signals/messages/signalExpired"
        },
        {
          "$ref": "#/channels/signals/messages/signalsMatched"
        }
      ]
    },
    "signalMatchingSendsMatches": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/signalMatches"
      },
      "title": "Signal matching tells each organisation of a match whom to contact",
      "summary": "One MatchFound on each of the two organisations' own topics, in the transaction that records SignalsMatched.",
      "tags": [
        {
          "name": "signal-matching"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/signalMatches/messages/matchFound"
        }
      ]
    },
    "shelterPlacementSendsRecord": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/shelterPlacements"
      },
      "title": "Shelter placement records requests, offers, answers, escalations, stays and capacity",
      "summary": "Written in the transaction that changes the placement or the shelter's capacity; ids, codes, counts and dates only.",
      "tags": [
        {
          "name": "shelter-placement"
        }
      ],
      "messages": [
        { "$ref": "#/channels/shelterPlacements/messages/shelterPlacementRequested" },
        { "$ref": "#/channels/shelterPlacements/messages/shelterPlacementOffered" },
        { "$ref": "#/channels/shelterPlacements/messages/shelterPlacementAccepted" },
        { "$ref": "#/channels/shelterPlacements/messages/shelterPlacementDeclined" },
        { "$ref": "#/channels/shelterPlacements/messages/shelterPlacementOfferLapsed" },
        { "$ref": "#/channels/shelterPlacements/messages/shelterPlacementEscalated" },
        { "$ref": "#/channels/shelterPlacements/messages/shelterPlacementCancelled" },
        { "$ref": "#/channels/shelterPlacements/messages/shelterStayStarted" },
        { "$ref": "#/channels/shelterPlacements/messages/shelterStayMoved" },
        { "$ref": "#/channels/shelterPlacements/messages/shelterStayEnded" },
        { "$ref": "#/channels/shelterPlacements/messages/shelterCapacityReported" }
      ]
    },
    "shelterPlacementSendsOffers": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/shelterOffers"
      },
      "title": "Shelter placement asks one shelter at a time for a place",
      "summary": "PlaceRequested on the shelter's own topic in the transaction that records ShelterPlacementOffered; PlaceRequestWithdrawn when the request is cancelled or the offer lapses.",
      "tags": [
        {
          "name": "shelter-placement"
        }
      ],
      "messages": [
        { "$ref": "#/channels/shelterOffers/messages/placeRequested" },
        { "$ref": "#/channels/shelterOffers/messages/placeRequestWithdrawn" }
      ]
    },
    "partnerSendsResponses": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/partnerResponses"
      },
      "title": "A partner answers a referral",
      "summary": "Written by the partner with its own SASL/SCRAM principal `partner-<partnerId>`, on its own responses topic.",
      "description": "`vt-cli partner consume --partner <partnerId>` is a ready-made client: it reads the partner's\nreferral topic in consumer group `partner-<partnerId>` and writes the partner's answer here with an\nidempotent producer (`acks=-1`), keyed by the household reference of the referral.\n",
      "tags": [
        {
          "name": "partner"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/partnerResponses/messages/partnerReferralAccepted"
        },
        {
          "$ref": "#/channels/partnerResponses/messages/partnerReferralDeclined"
        },
        {
          "$ref": "#/channels/partnerResponses/messages/partnerReferralDeclinedV2"
        },
        {
          "$ref": "#/channels/partnerResponses/messages/partnerReferralCompleted"
        }
      ]
    },
    "consumersSendDeadLetters": {
      "action": "send",
      "channel": {
        "$ref": "#/channels/deadLetters"
      },
      "title": "A consuming service dead-letters what it cannot apply",
      "description": "crisis-triage, safety-investigation and referral each write to their own dead-letter topic.\nAn invalid record goes there at once; a retriable failure is retried with exponential backoff\n(100 ms doubling, 5 attempts in all) and then goes there; any other failure goes there at once.\nThe household is then parked for that consumer group, and its later events follow to the\ndead-letter topic (reason `household-parked`) instead of being applied out of order.\n",
      "tags": [
        {
          "name": "crisis-triage"
        },
        {
          "name": "safety-investigation"
        },
        {
          "name": "referral"
        }
      ],
      "messages": [
        {
          "$ref": "#/channels/deadLetters/messages/deadLetter"
        }
      ]
    }
  },
  "parameters": {
    "partnerId": {
      "description": "The partner's id from the partner directory (`config/partners/directory.json`): lower-case\nletters, digits and single hyphens (`^[a-z0-9]+(-[a-z0-9]+)*$`). A lokaal team is\n`lokaal-team-<gemeentecode in lower case>` (an island's: `lokaal-team-bq-<island>`); a regional\npartner is `<type>-<VT region code without vt->`, e.g. `rvdk-groningen`.\n",
      "examples": [
        "lokaal-team-gm0363"
      ]
    },
    "service": {
      "description": "The consuming service. intake consumes nothing today, so it has no dead-letter topic yet.\n",
      "enum": [
        "crisis-triage",
        "safety-investigation",
        "referral"
      ]
    }
  },
  "correlationIds": {
    "correlationid": {
      "description": "The id of the first event of the chain (e.g. the MeldingReceived that started it); every event\ncaused by another carries its cause's correlation id.\n",
      "location": "$message.payload#/correlationid"
    }
  },
  "extraMessages": {
    "DeadLetter": {
      "name": "dead-letter",
      "title": "Dead letter",
      "summary": "A record a consumer could not apply, with why and where it came from.",
      "description": "The value is the original record's value byte for byte. For reason `invalid-event` it may be\nempty, not JSON, or off contract; otherwise it is one of the events above. The key is the\noriginal key (the household id). The original headers are kept and the `vt-dlq-*` headers added.\n",
      "headers": {
        "$ref": "#/components/schemas/DeadLetterHeaders"
      },
      "payload": {
        "description": "The original record value, unchanged."
      },
      "bindings": {
        "kafka": {
          "key": {
            "$ref": "#/components/schemas/HouseholdKey"
          },
          "bindingVersion": "0.5.0"
        }
      }
    },
    "ChainHeadsCheckpoint": {
      "name": "chain-heads-checkpoint",
      "title": "Signed chain heads (old format, read only)",
      "summary": "The newest event of every chain a relay batch touched, signed by the producing service, as relays wrote it before `AuditChainCheckpointed` (docs/adr/0027).",
      "deprecated": true,
      "description": "The old checkpoint format, still read by `vt audit verify` from logs written before relays sent `AuditChainCheckpointed` CloudEvents (docs/adr/0027); no relay writes it any more. Not a CloudEvent: a signed statement about events. `signature` is Ed25519 over the RFC 8785 (JCS)\ncanonical JSON of the checkpoint without `signature`. A head at `seq` n vouches for events 1 … n of\nits chain through their hashes. A key signs only for the service it is published for.\n",
      "contentType": "application/json",
      "payload": {
        "type": "object",
        "required": [
          "format",
          "id",
          "producer",
          "keyid",
          "time",
          "heads",
          "signature"
        ],
        "additionalProperties": false,
        "properties": {
          "format": {
            "const": "vt.chain-heads.v1"
          },
          "id": {
            "type": "string",
            "format": "uuid"
          },
          "producer": {
            "type": "string",
            "description": "The service whose relay published the events, e.g. `intake`."
          },
          "keyid": {
            "type": "string",
            "description": "The key's id in `config/audit/public-keys.json`."
          },
          "time": {
            "type": "string",
            "format": "date-time"
          },
          "heads": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "source",
                "topic",
                "householdid",
                "seq",
                "hash"
              ],
              "additionalProperties": false,
              "properties": {
                "source": {
                  "type": "string",
                  "description": "The chain's events' `source`, `/veilig-thuis/<producer>`."
                },
                "topic": {
                  "type": "string",
                  "description": "The topic's name without a deployment prefix."
                },
                "householdid": {
                  "type": "string"
                },
                "seq": {
                  "type": "integer",
                  "minimum": 1
                },
                "hash": {
                  "type": "string",
                  "pattern": "^[0-9a-f]{64}$"
                }
              }
            }
          },
          "signature": {
            "type": "string",
            "description": "Ed25519 signature, base64."
          }
        }
      },
      "bindings": {
        "kafka": {
          "key": {
            "type": "string",
            "description": "The producing service."
          },
          "bindingVersion": "0.5.0"
        }
      }
    }
  },
  "channels": {
    "meldingen": {
      "title": "Meldingen",
      "description": "Meldingen registered by call handlers. Written by intake."
    },
    "adviesvragen": {
      "title": "Adviesvragen",
      "description": "Adviesvragen registered by call handlers (someone asks advice and stays responsible), and the\nconversion of an adviesvraag into a melding. Categories only: the adviesvrager's identity, the\nquestion and the advice stay in intake. No household is known for an adviesvraag, so each gets a\nnew household id as its key. Written by intake.\n"
    },
    "triageAssessments": {
      "title": "Triage assessments",
      "description": "Acute checks of meldingen, crisis interventions for acute ones and what crisis staff did,\nveiligheidsbeoordelingen, and what was recorded about informing each involved person. Written by crisis-triage.\n"
    },
    "triageDeadlines": {
      "title": "Triage deadlines",
      "description": "The statutory clocks of a household's meldingen (veiligheidsbeoordeling, informeren betrokkenen,\nonderzoek): started, approaching, breached, met, extended, superseded. Each clock is a durable timer row in\ncrisis-triage's database; every change of a timer is written to the outbox in the transaction\nthat makes it. An informeren-betrokkenen clock runs for one involved person of a melding: its facts carry\n`personId` (docs/adr/0021). Written by crisis-triage.\n"
    },
    "householdPhases": {
      "title": "Household phases",
      "description": "The household safety record and its phase (directe veiligheid, duurzame veiligheid, herstel,\ngesloten): every fact the phase workflow records, refusals included, in the household's order.\nWritten by safety-investigation, the one owner of the household record.\n"
    },
    "referrals": {
      "title": "Referrals (internal record)",
      "description": "Referrals issued to regional partners, with the disclosure each carries: the internal record\nauditors read. Partners never read this topic; they read their own partner topic.\n"
    },
    "partnerReferrals": {
      "title": "Referrals for one partner",
      "description": "What partner `partnerId` may read: the recipient-specific projection of each referral addressed\nto it. Created by the referral service's outbox relay the first time it publishes to that partner.\n",
      "parameters": {
        "partnerId": {
          "$ref": "#/components/parameters/partnerId"
        }
      }
    },
    "partnerResponses": {
      "title": "Responses from one partner",
      "description": "What partner `partnerId` may write: its answers to the referrals it read on its own referral topic\n(accepted, declined with a reason, completed). The partner writes them itself with its own\ncredentials (`vt-cli partner consume`, or its own client); the referral service reads them. The\npartner may not create topics: Veilig Thuis creates this topic for it.\n",
      "parameters": {
        "partnerId": {
          "$ref": "#/components/parameters/partnerId"
        }
      }
    },
    "deadLetters": {
      "title": "Dead letters of one service",
      "description": "Records a service's consumer could not apply: the original record (key and value byte for byte,\noriginal headers kept) plus `vt-dlq-*` headers saying why and where it came from. Created by each\nservice that consumes, at start. Kept forever: they are evidence and wait for an operator.\nRe-drive by an operator arrives with a later issue (docs/adr/0002).\n",
      "parameters": {
        "service": {
          "$ref": "#/components/parameters/service"
        }
      },
      "messages": {
        "deadLetter": {
          "$ref": "#/components/messages/DeadLetter"
        }
      }
    },
    "investigations": {
      "title": "Investigations",
      "description": "The integral veiligheid- en beschermingsonderzoek per household (children and adults together), and\nthe tijdelijk huisverboden: opening, plan steps, findings (encrypted under the person's key), the\nconclusion (its safety conditions encrypted under the household's key), huisverbod and extensions\n(the reason encrypted under the household's key). Written by safety-investigation; no person's\nwords in clear (ADR 0020).\n"
    },
    "auditAccess": {
      "title": "Audited reads",
      "description": "Every read of case data: who, when, which case, why (`X-Access-Purpose`, a code) and which fields the\nanswer held. Recorded in the same transaction as the read, before the answer is sent. Written by\nevery service that answers reads of case data: intake, crisis-triage and safety-investigation\n(`service` names which; docs/adr/0017); safety-investigation also for a partner's read of a\nreferral's safety conditions.\n"
    },
    "auditChainHeads": {
      "title": "Signed chain heads (tamper evidence)",
      "description": "After every batch it publishes, each service's outbox relay sends one checkpoint here, in the same\nrequest: the newest `vtseq` and hash of every (producer, topic, household) chain in the batch, signed\nwith the service's Ed25519 key, as an `AuditChainCheckpointed` CloudEvent (older logs hold the earlier\nnon-CloudEvent format, still read). `vt audit verify` checks one signature per batch and the hash links in\nbetween (docs/adr/0009, 0027). Keyed by producer. Kept forever. Dead-letter and partner response topics\ncarry no chains.\n",
      "messages": {
        "chainHeadsCheckpoint": {
          "$ref": "#/components/messages/ChainHeadsCheckpoint"
        }
      }
    },
    "signals": {
      "title": "Signal matching (internal record)",
      "description": "Signal matching's record, the successor of the verwijsindex risicojongeren (docs/adr/0038):\nevery registration (the only lookup there is), withdrawal, expiry and match, with the region's legal\nbasis and who did it. The pseudonym appears only encrypted under the signal's own data key, destroyed\nwhen the signal ends. Keyed by signal id (a match by match id). Organisations never read this topic.\n"
    },
    "signalMatches": {
      "title": "Matches for one organisation",
      "description": "What organisation `partnerId` (a partner of the directory that a region admitted to signal\nmatching) may read: one MatchFound per match of one of its signals, naming its signal, the other\norganisation to contact and the other's signal id, and nothing about the other's involvement. Only\nthat organisation's principal reads it; created by signal matching's outbox relay on the first match.\n",
      "parameters": {
        "partnerId": {
          "$ref": "#/components/parameters/partnerId"
        }
      }
    },
    "shelterPlacements": {
      "title": "Shelter placement (internal record)",
      "description": "Shelter placement's record (docs/adr/0040): every request for a place with its urgency and safety\nconstraints, every offer to a shelter and its answer or lapse, escalations, cancellations, the stay's\nin-, door- and uitstroom, and the capacity shelters report. Ids, codes, counts and dates only: no names,\nno free text. Keyed by placement id (capacity by shelter id). Shelters never read this topic; the national\nshelter monitor (`vt audit report --shelters`) is computed from it.\n"
    },
    "shelterOffers": {
      "title": "Requests for a place, for one shelter",
      "description": "What shelter `partnerId` (a vrouwenopvang partner of the directory) may read: the requests for a\nplace offered to it (urgency, persons, when the answer is due, whom to call back) and their withdrawal.\nNothing that identifies the household: a placement id only. Only that shelter's principal reads it;\ncreated by shelter placement's outbox relay on the first offer. Shelters answer over HTTP.\n",
      "parameters": {
        "partnerId": {
          "$ref": "#/components/parameters/partnerId"
        }
      }
    },
    "privacyErasures": {
      "title": "Erasure of personal data",
      "description": "Destruction requests with their statutory clock (3 months, Wmo 2015 art. 5.3.5) and the erasures\nthemselves. An erasure destroys the person's data key (crypto-shredding, docs/adr/0007): every\nvalue encrypted for that person, in every record on every topic, is unreadable from then on, while\nthe records themselves stay as they were. Written by intake, which owns the person registry;\nevery service that keeps data keys of its own reads `PersonDataErased` and destroys its key too.\nCarries ids, codes and dates only, never personal data.\n"
    }
  },
  "messages": {
    "intake.MeldingReceived.v1": {
      "description": "Produced by intake. `subject` is the melding id. A first event: `correlationid` and\n`causationid` equal its own `id`. Persons appear by id and role only; names and other personal\nfields stay in intake's database until per-person encryption arrives. Each person says whether they\nwere a minor at receipt (`minor`: by date of birth in the household's calendar date, else estimated\nage; absent when unknown): routes for children (RvdK, gecertificeerde instelling) need a minor in the\nhousehold (ADR 0022). Each person says likewise whether they were 65 or older at receipt (`elderly`, added in\nv1): ouderenmishandeling needs a victim of 65 or older, and a melding whose victims' ages are unknown is\naccepted (ADR 0036). `acuteIndication.signals` may carry `threat-to-life` (psychisch geweld that puts someone\nin direct physical danger; added in v1, ADR 0036): a consumer built before it dead-letters such a record, so\ncrisis-triage is deployed before intake writes it.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The melding id."
              }
            }
          }
        ]
      }
    },
    "intake.AdviesvraagReceived.v1": {
      "description": "Produced by intake. `subject` is the adviesvraag id. A first event: `correlationid` and\n`causationid` equal its own `id`. No household is known for an adviesvraag, so intake gives each\nadviesvraag a new household id: `householdid` and the record key. A melding converted from the\nadviesvraag keeps that id unless the call handler decided to join a household radar proposed\n(docs/adr/0018). Categories only: the adviesvrager's\nname and contact details, the persons, the question and the advice stay in intake's database.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The adviesvraag id."
              }
            }
          }
        ]
      }
    },
    "intake.AdviesvraagConvertedToMelding.v1": {
      "description": "Produced by intake in the transaction that stores the melding, after its MeldingReceived. `subject`\nis the adviesvraag id. A first event: `correlationid` and `causationid` equal its own `id`.\n`householdid` (and the record key) is the melding's household: the adviesvraag's own household id,\nor the household radar proposed and the call handler decided to join (docs/adr/0018). An adviesvraag\nbecomes a melding at most once.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The adviesvraag id."
              }
            }
          }
        ]
      }
    },
    "triage.AcuteCheckCompleted.v1": {
      "description": "Produced by crisis-triage for every MeldingReceived. `subject` is the melding id; `causationid`\nis the MeldingReceived event's id. `vtRegion` (added in v1, optional) is the melding's VT region\n(`region.vtRegion` of the MeldingReceived, e.g. `vt-west-brabant`); safety-investigation keeps the\nhousehold's record in it. Older events lack it: their gemeente's VT region applies (docs/adr/0017).\n`violence` (added in v1, optional; ADR 0036) is what the check saw of the violence, which the\nveiligheidsbeoordeling decides from: the aard, the forms of violence in the investigation's vocabulary\n(`investigation-risks/1`: psychisch geweld from the tag or a threat to life, financieel misbruik,\nontspoorde mantelzorg, …) and whether a victim was 65 or older at receipt (`yes`, `no`, `unknown`).\nUnder `acute-rules/3` a threat to life (`threat-to-life`) is a ground of its own\n(`psychological-violence-threat-to-life`).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The melding id."
              }
            }
          }
        ]
      }
    },
    "triage.CrisisInterventionRequested.v1": {
      "description": "Produced by crisis-triage in the same transaction as the AcuteCheckCompleted that found a melding\nacute. `subject` is the intervention id; `causationid` is the AcuteCheckCompleted event's id.\n`crisisRegion` is the region whose 24/7 crisis function acts: the melding's VT region\n(`vt-west-brabant`, `vt-bq-bonaire`), which that crisis function reads through\n`GET /api/v1/regions/{region}/crisis-queue` on crisis-triage. It always meant that region; events\nwritten before the one region model (docs/adr/0017) hold the veiligheidsregio of the melding's gemeente\n(`VR13`) instead, so the pattern still admits `VRnn` (West- and Midden-Brabant share VR20).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The intervention id."
              }
            }
          }
        ]
      }
    },
    "triage.CrisisActionRecorded.v1": {
      "description": "Produced by crisis-triage when crisis staff record an action. `subject` is the intervention id.\nA first event: `correlationid` and `causationid` equal its own `id`. `personId` is required by\nthe service for `immediate-safety-confirmed` and must be a person of the melding.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The intervention id."
              }
            }
          }
        ]
      }
    },
    "triage.InformingWithheld.v1": {
      "description": "Produced by crisis-triage when a professional records the legal ground on which a person involved is not\ninformed: `ground` is a code (never free text), `legalBasis` the basis applied for the household's\njurisdiction (configuration; an unconfirmed basis says `[verify]`). It meets the person's running\n`informeren-betrokkenen` clocks as InvolvedPersonInformed does. `subject` is the person id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The person id."
              }
            }
          }
        ]
      }
    },
    "triage.InvolvedPersonInformed.v1": {
      "description": "Produced by crisis-triage when a professional records that a person involved was told that Veilig Thuis\nrecorded data about them (Wmo 2015 art. 5.3.1 as DOMAIN.md states it): who told them (`informedBy`), when\n(`informedAt`) and how (`method`). In the same transaction every running `informeren-betrokkenen` clock of\nthat person that started before `informedAt` is stopped; `metClocks` lists them (`inTime` false for a clock\nalready breached), and a `DeadlineMet` follows on vt.triage.deadlines.v1 for each clock met in time.\n`subject` is the person id. A first event: `correlationid` and `causationid` equal its own `id`.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The person id."
              }
            }
          }
        ]
      }
    },
    "triage.AssessmentRequestJoined.v1": {
      "description": "Produced by crisis-triage when it applies a NewAssessmentRequested while the household's\nveiligheidsbeoordeling is still open. `subject` is the request's event id (`requestId`);\n`correlationid` and `causationid` are those of the request. `joinedSubjectId` is the subject id\nof the open assessment (a melding id, or an earlier request's event id). No clock starts.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The request's event id."
              }
            }
          }
        ]
      }
    },
    "triage.AssessmentRequestJoined.v2": {
      "description": "**Version 2** (ADR 0020): without `reason`; the investigator's reason stays (encrypted) with the\nrequest itself (NewAssessmentRequested, event id `requestId`). Version 1 is only read, upcast to this version.\n\nProduced by crisis-triage when it applies a NewAssessmentRequested while the household's\nveiligheidsbeoordeling is still open. `subject` is the request's event id (`requestId`);\n`correlationid` and `causationid` are those of the request. `joinedSubjectId` is the subject id\nof the open assessment (a melding id, or an earlier request's event id). No clock starts.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The request's event id."
              }
            }
          }
        ]
      }
    },
    "triage.SafetyAssessmentCompleted.v1": {
      "description": "Produced by crisis-triage when a worker completes the veiligheidsbeoordeling. `subject` is the\nmelding id. A first event: `correlationid` and `causationid` equal its own `id`. `deadline` says\nwhen the veiligheidsbeoordeling clock was due and whether it was met. Never `verzoek-rvdk` for a\nhousehold known to have no minor (every person of its meldingen 18 or older at receipt, none\nchild-involved): crisis-triage refuses that with a 422 before anything is published (ADR 0022).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The melding id."
              }
            }
          }
        ]
      }
    },
    "triage.SafetyAssessmentCompleted.v2": {
      "description": "**Version 2** (ADR 0020): `reasoning` is encrypted under the household's data key in crisis-triage's key\ntable (an EncryptedPersonData whose `personId` is the household id); erasing the dossier erases it\neverywhere. Version 1 (reasoning in clear) is only read, upcast to this version.\n\nProduced by crisis-triage when a worker completes the veiligheidsbeoordeling. `subject` is the\nmelding id. A first event: `correlationid` and `causationid` equal its own `id`. `deadline` says\nwhen the veiligheidsbeoordeling clock was due and whether it was met. Never `verzoek-rvdk` for a\nhousehold known to have no minor (every person of its meldingen 18 or older at receipt, none\nchild-involved): crisis-triage refuses that with a 422 before anything is published (ADR 0022).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The melding id."
              }
            }
          }
        ]
      }
    },
    "privacy.ErasureRequested.v1": {
      "description": "A privacy officer recorded a person's request to destroy their data. The clock\n`vernietigingsverzoek` runs 3 months as an Atw term in the household's calendar; `dueAt` is the\nexclusive end (local midnight after `dueLocalDate`). `legalBasis` is the basis in the person's\njurisdiction (config/legal-bases.json, docs/adr/0019): Wmo 2015 art. 5.3.5 in the European\nNetherlands, the Wet bescherming persoonsgegevens BES for an island household; an unconfirmed basis\nends in ` [verify]`. Names no personal data.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The id of the destruction request."
              }
            }
          }
        ]
      }
    },
    "privacy.ErasureDeadlineApproaching.v1": {
      "description": "Written by intake's clock runner when the lead time before `dueAt` is reached and no erasure carried\nout the request yet. Caused by the ErasureRequested.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The id of the destruction request."
              }
            }
          }
        ]
      }
    },
    "privacy.ErasureDeadlineBreached.v1": {
      "description": "Written by intake's clock runner at `dueAt` when no erasure carried out the request yet. Caused by\nthe ErasureRequested.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The id of the destruction request."
              }
            }
          }
        ]
      }
    },
    "privacy.PersonDataErased.v1": {
      "description": "Written in the transaction that destroyed the person's data key in intake. From then on every\n`personalData` entry of that person (e.g. in MeldingReceived) decrypts to \"erased on `erasedAt`\";\nchains and signatures over the records are untouched. `reason` is a code with its `legalBasis` in\nthe person's jurisdiction (config/legal-bases.json `erasure.<reason>`; for an island person the Wbp\nBES, never the Wmo 2015 or the AVG; ` [verify]` when unconfirmed); `requestId` names the destruction\nrequest it carries out, which stops that request's clock.\nServices that keep data keys of their own destroy theirs when they read this (applied once,\nthrough their inbox).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The id of the person whose data was erased."
              }
            }
          }
        ]
      }
    },
    "privacy.HouseholdDataErased.v1": {
      "description": "Produced by intake when the household's own data key must go: the retention job records it after erasing\nevery person of the dossier, and a privacy officer may record it for a dossier that must be destroyed. Every\nservice with a key table (libs/runtime, `personalData: true`) destroys its key for the household id in its\ninbox transaction: all free text about the household as a whole (assessment reasoning, safety conditions,\nmonitoring reasons, explanations, crisis notes; ADR 0020) becomes unreadable in every record, table,\nreplay and rebuild. `subject` is the household id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The id of the person whose data was erased."
              }
            }
          }
        ]
      }
    },
    "audit.CaseDataAccessed.v1": {
      "description": "Produced by the service that answered the read, in the same transaction. `subject` is the id of\nwhat was read (a melding or a household). A first event: `correlationid` and `causationid` equal\nits own `id`.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "source": {
                "const": "/veilig-thuis/intake"
              },
              "subject": {
                "description": "The id of the melding or household that was read."
              }
            }
          }
        ]
      }
    },
    "audit.CaseDataAccessed.v2": {
      "description": "**Version 2** (ADR 0020, ADR 0017): `purpose` is a code of ACCESS_PURPOSES (`X-Access-Purpose`), and\nevery service that holds case data records its reads (`service`, `subject.kind`). Version 1 (the purpose\nas free text) is only read, upcast to this version.\n\nProduced by the service that answered the read, in the same transaction. `subject` is the id of\nwhat was read (a melding or a household). A first event: `correlationid` and `causationid` equal\nits own `id`.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "source": {
                "const": "/veilig-thuis/intake"
              },
              "subject": {
                "description": "The id of the melding or household that was read."
              }
            }
          }
        ]
      }
    },
    "investigation.InvestigationOpened.v1": {
      "description": "Produced by safety-investigation when a SafetyAssessmentCompleted with outcome `onderzoek` arrives\nand the household has no open investigation. `subject` is the investigation id; `causationid` is\nthe SafetyAssessmentCompleted event's id and `correlationid` is carried over from it.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The investigation id."
              }
            }
          }
        ]
      }
    },
    "investigation.InvestigationConcluded.v1": {
      "description": "Produced by safety-investigation when an investigator concludes the household's open investigation\n(`POST /api/v1/investigations/{id}/conclusion`): whether there is unsafety and which risks (code list\n`investigation-risks/1`), the veiligheidsvoorwaarden, the outcome (overdracht, voorwaarden-en-vervolg,\nverzoek-rvdk, afsluiten, verzoek-beschermingsmaatregel: a request through the openbaar ministerie for a\nprotection measure for an adult, ADR 0037) and the partner types the household or its conditions go to. crisis-triage\nstops the 10-week `onderzoek` clock on it; referral routes on `outcome` and `handOverTo`. No free\ntext about a person: findings travel encrypted in InvestigationFindingRecorded. `subject` is the\ninvestigation id. For a household known to have no minor, never `verzoek-rvdk` and never `rvdk` or\n`gecertificeerde-instelling` in `handOverTo` (refused with a 422, ADR 0022).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The investigation id."
              }
            }
          }
        ]
      }
    },
    "investigation.InvestigationConcluded.v2": {
      "description": "**Version 2** (ADR 0020): `safetyConditions` is one encrypted list under the household's key (absent when\nthere are none); `safetyConditionCount` says how many. Version 1 (in clear) is only read, upcast to this version.\n\nProduced by safety-investigation when an investigator concludes the household's open investigation\n(`POST /api/v1/investigations/{id}/conclusion`): whether there is unsafety and which risks (code list\n`investigation-risks/1`), the veiligheidsvoorwaarden, the outcome (overdracht, voorwaarden-en-vervolg,\nverzoek-rvdk, afsluiten, verzoek-beschermingsmaatregel: a request through the openbaar ministerie for a\nprotection measure for an adult, ADR 0037) and the partner types the household or its conditions go to. crisis-triage\nstops the 10-week `onderzoek` clock on it; referral routes on `outcome` and `handOverTo`. No free\ntext about a person: findings travel encrypted in InvestigationFindingRecorded. `subject` is the\ninvestigation id. For a household known to have no minor, never `verzoek-rvdk` and never `rvdk` or\n`gecertificeerde-instelling` in `handOverTo` (refused with a 422, ADR 0022).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The investigation id."
              }
            }
          }
        ]
      }
    },
    "investigation.InvestigationStepPlanned.v1": {
      "description": "Produced by safety-investigation on `POST /api/v1/investigations/{id}/steps`. A gesprek names a person of\nthe household; informatie-derden names the third party (by kind or partner id) and the legal basis of\nthe request, a citation from a closed list (`Wmo 2015 art. 5.2.6`, `toestemming van betrokkene`;\nlibs/household/domain `INFORMATION_REQUEST_LEGAL_BASES`), never free text (ADR 0020; a basis typed\nfreely before the list existed is only on records from before). `subject` is the investigation id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The investigation id."
              }
            }
          }
        ]
      }
    },
    "investigation.InvestigationStepCompleted.v1": {
      "description": "Produced by safety-investigation on `POST /api/v1/investigations/{id}/steps/{stepId}/completion`.\n`subject` is the investigation id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The investigation id."
              }
            }
          }
        ]
      }
    },
    "investigation.InvestigationFindingRecorded.v1": {
      "description": "Produced by safety-investigation on `POST /api/v1/investigations/{id}/findings`. The text of the\nfinding is encrypted under the data key of the person it is about (key table `person_key` in the\nsafety_investigation schema; docs/adr/0007 and the decision record on findings). `subject` is the\ninvestigation id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The investigation id."
              }
            }
          }
        ]
      }
    },
    "investigation.HuisverbodImposed.v1": {
      "description": "Produced by safety-investigation on `POST /api/v1/households/{id}/huisverboden`. Refused (422) for an\nisland household unless `HUISVERBOD_ISLANDS_PILOT` includes the island. `subject` is the huisverbod id.\n`legalBasis` is the basis in the household's jurisdiction (config/legal-bases.json, docs/adr/0019):\nWet tijdelijk huisverbod art. 2 in the European Netherlands; on a pilot island the pilot, cited with\n` [verify]` (the Wet tijdelijk huisverbod does not apply there).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The huisverbod id."
              }
            }
          }
        ]
      }
    },
    "investigation.HuisverbodExtended.v1": {
      "description": "Produced by safety-investigation on `POST /api/v1/huisverboden/{id}/extensions`; an end later than\n28 days from imposition is refused (422, field `endsAt`). `subject` is the huisverbod id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The huisverbod id."
              }
            }
          }
        ]
      }
    },
    "investigation.HuisverbodExtended.v2": {
      "description": "**Version 2** (ADR 0020): `reason` is encrypted under the household's key. Version 1 (in clear) is only\nread, upcast to this version.\n\nProduced by safety-investigation on `POST /api/v1/huisverboden/{id}/extensions`; an end later than\n28 days from imposition is refused (422, field `endsAt`). `subject` is the huisverbod id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The huisverbod id."
              }
            }
          }
        ]
      }
    },
    "investigation.HuisverbodEndApproaching.v1": {
      "description": "Produced by safety-investigation from a durable timer, `HUISVERBOD_END_LEAD_HOURS` (default 48) before\nthe current end; an extension sets a new one. `subject` is the huisverbod id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The huisverbod id."
              }
            }
          }
        ]
      }
    },
    "investigation.HuisverbodEnded.v1": {
      "description": "Produced by safety-investigation from a durable timer when the huisverbod reaches its (possibly\nextended) end. `subject` is the huisverbod id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The huisverbod id."
              }
            }
          }
        ]
      }
    },
    "triage.DeadlineStarted.v1": {
      "description": "Produced by crisis-triage when a statutory clock starts (at most once per clock and subject, and per person\nfor an informeren-betrokkenen clock, which runs for one involved person: `personId`). The veiligheidsbeoordeling\nstarts at the melding's `receivedAt`, an informing clock at its registration (docs/adr/0021).\n`subject` is the clock's subject id (the melding id, or the assessment id for onderzoek). A first\nevent: `correlationid` and `causationid` equal its own `id`. `legalBasis` is the clock's basis in the\nhousehold's jurisdiction (config/legal-bases.json, docs/adr/0019): an island household gets the law\nof Caribisch Nederland, never a Wmo 2015 article, and an unconfirmed basis ends in ` [verify]`.\n`warnings` name each unconfirmed basis (`legal basis <key> for <jurisdiction> is unconfirmed\n[verify]: …`) and give the calendar's notes on the computation: the caveat of the day list counted\nwith (an island's holidays, the island term law), and that no decree equating days exists yet for a\nyear the term spans.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The clock's subject id."
              }
            }
          }
        ]
      }
    },
    "triage.DeadlineApproaching.v1": {
      "description": "Fired by crisis-triage's timer runner at most once per timer and deadline, when `approachingAt`\n(the deadline minus the lead time `DEADLINE_LEAD_HOURS`, default 24 hours) has passed and the work is\nnot done. `subject` is the clock's subject id. A first event: `correlationid` and `causationid`\nequal its own `id`.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The clock's subject id."
              }
            }
          }
        ]
      }
    },
    "triage.DeadlineBreached.v1": {
      "description": "Fired by crisis-triage's timer runner at most once per timer, when `dueAt` has passed and the work\nis not done. `subject` is the clock's subject id. A first event: `correlationid` and\n`causationid` equal its own `id`.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The clock's subject id."
              }
            }
          }
        ]
      }
    },
    "triage.DeadlineMet.v1": {
      "description": "Produced by crisis-triage in the transaction that completes the work (e.g. the\nveiligheidsbeoordeling), only when done in time; work done late marks the timer completed late and\nwrites no event. `subject` is the clock's subject id. For an informing clock (`personId`) it follows the\nInvolvedPersonInformed / InformingWithheld that met it (`causationid` and `correlationid` are that\nrecording's), `metAt` is the moment the recording names, and it may follow a DeadlineBreached when the\nperson was in fact informed before the due time (the breach did not happen). Otherwise a first event:\n`correlationid` and `causationid` equal its own `id`.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The clock's subject id."
              }
            }
          }
        ]
      }
    },
    "triage.DeadlineSuperseded.v1": {
      "description": "Produced by crisis-triage when a running clock is replaced by other clocks: the melding-level\n`informeren-betrokkenen` clocks of earlier releases, which no recorded fact could meet, each became one\nclock per involved person with the same start and due date (`supersededBy`, each with its own\nDeadlineStarted). The superseded clock is then neither met nor breached; reports stop counting it.\nWritten by a start-up step in one transaction per melding, with the persons read from the melding's\nMeldingReceived; a replacement of a clock already breached starts breached (DeadlineBreached at the due\ntime), one already approaching starts approaching. `subject` is the melding id; `actor` is\n`system:crisis-triage`.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The clock's subject id."
              }
            }
          }
        ]
      }
    },
    "triage.DeadlineExtended.v1": {
      "description": "Produced by crisis-triage when a worker extends a running clock with a recorded reason (only an\ninformeren-betrokkenen clock may be extended, one person's at a time: `personId`). `dueAt` is the new deadline, `previousDueAt` the old\none, `extension` the number of extensions so far. `subject` is the clock's subject id. A first\nevent: `correlationid` and `causationid` equal its own `id`.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The clock's subject id."
              }
            }
          }
        ]
      }
    },
    "triage.DeadlineExtended.v2": {
      "description": "**Version 2** (ADR 0020): `reason` is encrypted under the key of the person the clock runs for\n(`personId`), else of the household, in crisis-triage's key table. Version 1 (reason in clear) is only\nread, upcast to this version.\n\nProduced by crisis-triage when a worker extends a running clock with a recorded reason (only an\ninformeren-betrokkenen clock may be extended, one person's at a time: `personId`). `dueAt` is the new deadline, `previousDueAt` the old\none, `extension` the number of extensions so far. `subject` is the clock's subject id. A first\nevent: `correlationid` and `causationid` equal its own `id`.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The clock's subject id."
              }
            }
          }
        ]
      }
    },
    "household.HouseholdRecordOpened.v1": {
      "description": "Produced by safety-investigation when an AcuteCheckCompleted names a household that has no\nrecord yet. `subject` is the household id; `causationid` is the AcuteCheckCompleted event's id.\n`vtRegion` (added in v1, optional) is the household's VT region, to which every read and write of\nits record is scoped; older events lack it, and their gemeente's VT region applies.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.MeldingAddedToHousehold.v1": {
      "description": "Produced by safety-investigation when an AcuteCheckCompleted names a household that already has a\nrecord. `subject` is the household id; `causationid` is the AcuteCheckCompleted event's id. When the\ncheck was acute, or the household was closed, a HouseholdPhaseChanged to directe-veiligheid follows\nit, caused by the same AcuteCheckCompleted. A melding already on the record adds nothing.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.ImmediateSafetyConfirmed.v1": {
      "description": "Produced by safety-investigation for POST /api/v1/households/{id}/persons/{personId}/immediate-safety-confirmations.\n`subject` is the household id. A first event of its chain (`correlationid` = `causationid` = `id`).\nThe person is named by id and role only. Entering directe veiligheid again withdraws every confirmation.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.ImmediateSafetyConfirmed.v2": {
      "description": "**Version 2** (ADR 0020): `how` is encrypted under the person's data key in safety-investigation's key\ntable. Version 1 (in clear) is only read, upcast to this version.\n\nProduced by safety-investigation for POST /api/v1/households/{id}/persons/{personId}/immediate-safety-confirmations.\n`subject` is the household id. A first event of its chain (`correlationid` = `causationid` = `id`).\nThe person is named by id and role only. Entering directe veiligheid again withdraws every confirmation.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.HouseholdPhaseChanged.v1": {
      "description": "Produced by safety-investigation. `command` says which move: MoveToDuurzameVeiligheid (rests on\nevery person's confirmation), MoveToHerstel (rests on the handed-over safety conditions and a stable\nlatest monitoring result), RegisterAcuteIncident, RegisterMelding (an acute melding, or any melding for\na closed household; rests on the melding and its acute check), RegisterHandover (a partner accepted an\noverdracht while the household was in directe veiligheid with every person's immediate safety\nconfirmed; rests on the referral) or CloseHousehold (to `gesloten`; there is no separate closing event). `from` equals `to` when directe veiligheid starts over. Entering directe\nveiligheid withdraws the confirmations listed in `confirmationsWithdrawn` and voids the latest\nmonitoring result. `subject` is the household id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.HouseholdPhaseChanged.v2": {
      "description": "**Version 2** (ADR 0020): `reasonCode` replaces the sentence; a person's explanation of a requested\ntransition (`POST /api/v1/households/{id}/phase-transitions`, `reason`), or what monitoring found when\nit sends the household back to directe veiligheid, is `explanation`, encrypted under the household's\nkey; a change that follows from facts alone (an acute melding, an accepted overdracht, a stable\nmonitoring period, an investigation that found no unsafety) has none. Version 1 is only read, upcast to\nthis version (the code follows from `command`, `from` and `to`).\n\nProduced by safety-investigation. `command` says which move: MoveToDuurzameVeiligheid (rests on\nevery person's confirmation), MoveToHerstel (rests on the handed-over safety conditions and a stable\nlatest monitoring result), RegisterAcuteIncident, RegisterMelding (an acute melding, or any melding for\na closed household; rests on the melding and its acute check), RegisterHandover (a partner accepted an\noverdracht while the household was in directe veiligheid with every person's immediate safety\nconfirmed; rests on the referral) or CloseHousehold (to `gesloten`; there is no separate closing event). `from` equals `to` when directe veiligheid starts over. Entering directe\nveiligheid withdraws the confirmations listed in `confirmationsWithdrawn` and voids the latest\nmonitoring result. `subject` is the household id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.SafetyConditionsRecorded.v1": {
      "description": "Produced by safety-investigation for POST /api/v1/households/{id}/safety-conditions, in duurzame\nveiligheid. A later recording replaces the earlier one. Parties are ids (a partner id, `household`),\nnever a person's name. `subject` is the household id. Conditions of a household known to have no\nminor are never handed to `rvdk` or `gecertificeerde-instelling` (a 422, ADR 0022).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.SafetyConditionsRecorded.v2": {
      "description": "**Version 2** (ADR 0020): `conditions` is one encrypted list (`{ items }`) under the household's key;\n`conditionCount` says how many. Version 1 (in clear) is only read, upcast to this version.\n\nProduced by safety-investigation for POST /api/v1/households/{id}/safety-conditions, in duurzame\nveiligheid, and for an investigation concluded with voorwaarden-en-vervolg (the conclusion's encrypted\nlist, the same ciphertext). A later recording replaces the earlier one. Parties are ids (a partner id,\n`household`), never a person's name. A partner reads the conditions of a referral made on this event\nfrom safety-investigation (`GET /api/v1/partner/referrals/{referralId}/safety-conditions`).\n`subject` is the household id. Conditions of a household known to have no minor are never handed to\n`rvdk` or `gecertificeerde-instelling` (a 422, ADR 0022).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.MonitoringResultRecorded.v1": {
      "description": "Produced by safety-investigation for POST /api/v1/households/{id}/monitoring-results, in duurzame\nveiligheid or herstel. The latest result counts. `subject` is the household id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.MonitoringResultRecorded.v2": {
      "description": "**Version 2** (ADR 0020): `reason` is encrypted under the household's key. Version 1 (in clear) is only\nread, upcast to this version.\n\nProduced by safety-investigation for POST /api/v1/households/{id}/monitoring-results, in duurzame\nveiligheid or herstel. The latest result counts. `subject` is the household id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.MonitoringStarted.v1": {
      "description": "Produced by safety-investigation right after SafetyConditionsRecorded, in the same transaction.\nCheck-ins are durable timers. `subject` is the household id. `region` is the VT region whose entry in\n`config/monitoring.json` applies (`vt-amsterdam-amstelland`), or `default`; the configuration is keyed\nby VT region code and checked at start (docs/adr/0017).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.MonitoringCheckInDue.v1": {
      "description": "Produced by safety-investigation when a check-in of the current monitoring period falls due (durable\ntimer; a check-in of a replaced or ended period is not announced). `subject` is the household id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.MonitoringCheckInOverdue.v1": {
      "description": "Produced by safety-investigation when a check-in of the current monitoring period fell due and no\nresult answered it within the region's `answerWithin` (config/monitoring.json; durable timer, once\nper check-in, not for a replaced or ended period). The period cannot confirm sustainable safety\nuntil results make up for the missing ones. `subject` is the household id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.SustainableSafetyConfirmed.v1": {
      "description": "Produced by safety-investigation with the stable MonitoringResultRecorded that answers the last\ncheck-in of a period without any unstable result; a HouseholdPhaseChanged to herstel follows when the\nhousehold is in duurzame veiligheid. `subject` is the household id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.NewAssessmentRequested.v1": {
      "description": "Produced by safety-investigation with a MonitoringResultRecorded that is not stable and has\n`followUp: new-assessment`. `subject` is the household id. Crisis-triage opens the new\nassessment and its clock under this event's id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.NewAssessmentRequested.v2": {
      "description": "**Version 2** (ADR 0020): `reason` is encrypted under the household's key in safety-investigation's key\ntable; crisis-triage does not repeat it. Version 1 (in clear) is only read, upcast to this version.\n\nProduced by safety-investigation with a MonitoringResultRecorded that is not stable and has\n`followUp: new-assessment`. `subject` is the household id. Crisis-triage opens the new\nassessment and its clock under this event's id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.HouseholdHandedOver.v1": {
      "description": "Produced by safety-investigation from the referral service's ReferralAccepted, for a referral issued\nwith `purpose: overdracht` only (a request to the RvdK, conditions handed to partners or informing the\ngemeente hand nothing over). In directe veiligheid a HouseholdPhaseChanged to duurzame veiligheid\n(command RegisterHandover, `basedOn.referral`) follows when immediate safety is confirmed for every\nperson, and otherwise a HouseholdPhaseChangeRefused naming who is missing.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.HouseholdHandoverCompleted.v1": {
      "description": "Produced by safety-investigation from ReferralCompleted of an overdracht the household was handed over\nwith. The phase does not change on this alone.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.HouseholdHandoverFailed.v1": {
      "description": "Produced by safety-investigation from ReferralRoutingFailed after an overdracht referral was declined\nor expired and nobody was left to re-route it to, or when no partner fitted an overdracht from the\nstart (then `referralId` is absent: no referral was ever issued). No phase change.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.HouseholdHandoverFailed.v2": {
      "description": "**Version 2** (ADR 0020): `reasonCode` (as ReferralRoutingFailed's) replaces the sentence. Version 1\nis only read, upcast to this version.\n\nProduced by safety-investigation from ReferralRoutingFailed after an overdracht referral was declined\nor expired and nobody was left to re-route it to, or when no partner fitted an overdracht from the\nstart (then `referralId` is absent: no referral was ever issued). No phase change.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "household.HouseholdPhaseChangeRefused.v1": {
      "description": "Produced by safety-investigation when the decider refuses a command (the HTTP caller gets a 409 with\nthe same reason, missing facts and allowed moves). The refusal is committed on its own; nothing else\nchanges. `subject` is the household id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "referral.ReferralIssued.v1": {
      "description": "Produced by referral when an outcome refers the household (SafetyAssessmentCompleted,\nInvestigationConcluded, SafetyConditionsRecorded) or when a declined or expired referral is\nre-routed (`rerouteOf`). Records the partner, the disclosure of the partner's projection, the\ndirectory version and when an answer is due. `subject` is the referral id; `causationid` is the\nevent it follows from.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              }
            }
          }
        ]
      }
    },
    "partner.ReferralIssued.v1": {
      "title": "ReferralIssued (partner projection)",
      "description": "Produced by referral in the same transaction as the internal ReferralIssued, on\n`vt.partner.<partnerId>.referrals.v1`. Only what the partner's type needs, with the legal basis\n(in the household's jurisdiction, see `Disclosure`) and purpose of the disclosure; never the melder,\nnever the sources. `subject` is the referral id;\n`causationid` is the internal ReferralIssued event's id. The household is named by\n`householdReference`, a pseudonymous reference for this partner only (HMAC of partner and household\nunder a Veilig Thuis secret, docs/adr/0016), which is also the envelope's `householdid` and the record\nkey: two partners cannot link their households by it, and nobody can get the internal household id\nfrom it. Persons are named by per-partner references too, and `correlationid` is the referral id; the\nonly other internal id is `causationid`, the internal ReferralIssued event's id, which links nothing.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              },
              "householdid": {
                "description": "The partner's household reference (docs/adr/0016): never the internal household id."
              }
            }
          }
        ]
      },
      "bindings": {
        "kafka": {
          "key": {
            "description": "The partner's household reference (as `householdid`): the same for every referral of the household to\nthis partner, different for every partner, never the internal household id (docs/adr/0016).\n",
            "type": "string",
            "format": "uuid",
            "$ref": null
          }
        }
      }
    },
    "partner.ReferralIssued.v2": {
      "title": "ReferralIssued (partner projection)",
      "description": "**Version 2** (ADR 0020): no veiligheidsvoorwaarden in clear on the partner's topic; `safetyConditionCount`\nsays how many there are, and the partner reads them with its own token (role `partner`, claim `partner`)\nfrom safety-investigation, which holds them encrypted under the household's key\n(`GET /api/v1/partner/referrals/{referralId}/safety-conditions`; `vt partner consume --conditions`), a\nread recorded as a disclosure (CaseDataAccessed v2, subject `referral`) and answered 410 once the\nhousehold's data is erased.\nVersion 1 is only read, upcast to this version.\n\nProduced by referral in the same transaction as the internal ReferralIssued, on\n`vt.partner.<partnerId>.referrals.v1`. Only what the partner's type needs, with the legal basis\nand purpose of the disclosure; never the melder, never the sources. `subject` is the referral id;\n`causationid` is the internal ReferralIssued event's id. The household is named by\n`householdReference`, a pseudonymous reference for this partner only (HMAC of partner and household\nunder a Veilig Thuis secret, docs/adr/0016), which is also the envelope's `householdid` and the record\nkey: two partners cannot link their households by it, and nobody can get the internal household id\nfrom it. Persons are named by per-partner references too, and `correlationid` is the referral id; the\nonly other internal id is `causationid`, the internal ReferralIssued event's id, which links nothing.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              },
              "householdid": {
                "description": "The partner's household reference (docs/adr/0016): never the internal household id."
              }
            }
          }
        ]
      },
      "bindings": {
        "kafka": {
          "key": {
            "description": "The partner's household reference (as `householdid`): the same for every referral of the household to\nthis partner, different for every partner, never the internal household id (docs/adr/0016).\n",
            "type": "string",
            "format": "uuid",
            "$ref": null
          }
        }
      }
    },
    "referral.ReferralAccepted.v1": {
      "description": "Produced by referral when it applies a partner's ReferralAccepted answer (once, whatever the\nnumber of deliveries). `causationid` is the partner's answer event.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              }
            }
          }
        ]
      }
    },
    "referral.ReferralDeclined.v1": {
      "description": "Produced by referral when it applies a partner's ReferralDeclined answer, with the partner's reason.\nA ReferralRerouted (to the next partner by the routing rules) or a ReferralRoutingFailed follows in\nthe same transaction.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              }
            }
          }
        ]
      }
    },
    "referral.ReferralDeclined.v2": {
      "description": "**Version 2** (ADR 0020): `reason` is the partner's code only. Version 1 (with the partner's text) is only\nread, upcast to this version.\n\nProduced by referral when it applies a partner's ReferralDeclined answer, with the partner's reason.\nA ReferralRerouted (to the next partner by the routing rules) or a ReferralRoutingFailed follows in\nthe same transaction.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              }
            }
          }
        ]
      }
    },
    "referral.ReferralRerouted.v1": {
      "description": "The declined or expired referral `referralId` was passed on: a new ReferralIssued (`newReferralId`,\n`rerouteOf` = this referral) goes to `toPartnerId` in the same transaction. The next partner is\nanother of the same type in the region, then the fallback types of `config/partners/routing.json`.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              }
            }
          }
        ]
      }
    },
    "referral.ReferralExpired.v1": {
      "description": "No answer came before `answerDueAt` (`REFERRAL_ANSWER_WITHIN`, default 3 working days in the\nhousehold's calendar). The partner is told on its own topic (partner.ReferralWithdrawn), and the\nreferral is re-routed, or ReferralRoutingFailed is recorded.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              }
            }
          }
        ]
      }
    },
    "referral.ReferralCompleted.v1": {
      "description": "Produced by referral when the partner reports the work of an accepted referral done\n(partner.ReferralCompleted on its responses topic).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              }
            }
          }
        ]
      }
    },
    "referral.ReferralRoutingFailed.v1": {
      "description": "Nobody could be found: no partner of the wanted type for the household's gemeente or region,\na party that is not in the directory, or every candidate declined or let the referral expire.\nOr the route is for children (RvdK, gecertificeerde instelling) and the household is known to have\nno minor: then the sentence carries `(route-needs-a-minor)`, which the upcaster reads as that\n`reasonCode` (ADR 0022).\nA referral coordinator acts on it. `subject` is the household id. `purpose` and `outcome` say what\nthe referral was wanted for, also when nobody fitted from the start (no `afterReferralId`), so\nsafety-investigation can record a failed overdracht either way.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "referral.ReferralRoutingFailed.v2": {
      "description": "**Version 2** (ADR 0020): `reasonCode` replaces the sentence. Version 1 is only read, upcast to this version.\n\nNobody could be found: no partner of the wanted type for the household's gemeente or region,\na party that is not in the directory, or every candidate declined or let the referral expire;\nor (`route-needs-a-minor`) the route is for children and the household is known to have no minor.\nA referral coordinator acts on it. `subject` is the household id. `purpose` and `outcome` say what\nthe referral was wanted for, also when nobody fitted from the start (no `afterReferralId`), so\nsafety-investigation can record a failed overdracht either way.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The household id."
              }
            }
          }
        ]
      }
    },
    "referral.PartnerAnswerRefused.v1": {
      "description": "A partner's answer that was read but not applied: for a referral that does not exist\n(`unknown-referral`), from another partner than the one the referral was issued to, or with a\n`partnerId` that differs from the topic's partner (`wrong-partner`), for a referral that is no\nlonger open (`referral-not-open`), or whose household reference (envelope `householdid`, and\n`householdReference` when given) is not the one given with the referral (`wrong-household-reference`).\nThe referral is unchanged; a redelivered answer is not refused twice.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              }
            }
          }
        ]
      }
    },
    "referral.MelderFeedbackGiven.v1": {
      "description": "Terugkoppeling for a professional melder (MeldingReceived.registration.melderKind `professional`\nand melderRole `melder`), after SafetyAssessmentCompleted and after InvestigationConcluded:\nwhether follow-up started and who took over (partner type and name). The safety conditions are\nincluded only when they were handed over to party `melder`. An informant or a non-professional\nmelder gets none. It names the melding, never the melder. `subject` is the melding id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The melding id."
              }
            }
          }
        ]
      }
    },
    "referral.MelderFeedbackGiven.v2": {
      "description": "**Version 2** (ADR 0020): no safety conditions' text; `safetyConditionCount` says how many the melder\nhas a role in. The conditions stay encrypted with safety-investigation, which holds them; whoever\ndelivers the feedback reads them there. Version 1 (in clear) is only read, upcast to this version.\n\nTerugkoppeling for a professional melder (MeldingReceived.registration.melderKind `professional`\nand melderRole `melder`), after SafetyAssessmentCompleted and after InvestigationConcluded:\nwhether follow-up started and who took over (partner type and name). The safety conditions are\nincluded only when they were handed over to party `melder`. An informant or a non-professional\nmelder gets none. It names the melding, never the melder. `subject` is the melding id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The melding id."
              }
            }
          }
        ]
      }
    },
    "partner.ReferralWithdrawn.v1": {
      "title": "ReferralWithdrawn (partner projection)",
      "description": "On the partner's own topic, when a referral to it was withdrawn because it expired unanswered.\nThe partner should stop work on it. `subject` is the referral id.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "subject": {
                "description": "The referral id."
              },
              "householdid": {
                "description": "The partner's household reference (docs/adr/0016): never the internal household id."
              }
            }
          }
        ]
      },
      "bindings": {
        "kafka": {
          "key": {
            "description": "The partner's household reference (as `householdid`): the same for every referral of the household to\nthis partner, different for every partner, never the internal household id (docs/adr/0016).\n",
            "type": "string",
            "format": "uuid",
            "$ref": null
          }
        }
      }
    },
    "partner.ReferralAccepted.v1": {
      "title": "ReferralAccepted (partner answer)",
      "description": "Written by partner `partnerId` on `vt.partner.<partnerId>.responses.v1`. `causationid` is the id\nof the partner.ReferralIssued event it answers, `correlationid` that event's `correlationid`.\n`answeredBy` is the partner's own name for the person who answered (not a Veilig Thuis user).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "source": {
                "description": "`/veilig-thuis/partner/<partnerId>`: the partner that answered.",
                "const": null
              },
              "subject": {
                "description": "The referral id."
              },
              "householdid": {
                "description": "The household reference the partner received with the referral (never the internal household id)."
              }
            }
          }
        ]
      },
      "bindings": {
        "kafka": {
          "key": {
            "description": "The household reference of the referral.",
            "type": "string",
            "$ref": null
          }
        }
      }
    },
    "partner.ReferralDeclined.v1": {
      "title": "ReferralDeclined (partner answer)",
      "description": "Written by partner `partnerId` on `vt.partner.<partnerId>.responses.v1`. `causationid` is the id\nof the partner.ReferralIssued event it answers, `correlationid` that event's `correlationid`.\n`answeredBy` is the partner's own name for the person who answered (not a Veilig Thuis user).\nThe referral service re-routes a declined referral to another partner where one exists.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "source": {
                "description": "`/veilig-thuis/partner/<partnerId>`: the partner that answered.",
                "const": null
              },
              "subject": {
                "description": "The referral id."
              },
              "householdid": {
                "description": "The household reference the partner received with the referral (never the internal household id)."
              }
            }
          }
        ]
      },
      "bindings": {
        "kafka": {
          "key": {
            "description": "The household reference of the referral.",
            "type": "string",
            "$ref": null
          }
        }
      }
    },
    "partner.ReferralDeclined.v2": {
      "title": "ReferralDeclined (partner answer)",
      "description": "**Version 2** (ADR 0020): `reason` is a code only. A partner's topic is part of the permanent log and a\npartner cannot encrypt under Veilig Thuis's keys, so no free text is accepted there. Version 1 is only\nread, upcast to this version (its text is not carried over).\n\nWritten by partner `partnerId` on `vt.partner.<partnerId>.responses.v1`. `causationid` is the id\nof the partner.ReferralIssued event it answers, `correlationid` that event's `correlationid`.\n`answeredBy` is the partner's own name for the person who answered (not a Veilig Thuis user).\nThe referral service re-routes a declined referral to another partner where one exists.\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "source": {
                "description": "`/veilig-thuis/partner/<partnerId>`: the partner that answered.",
                "const": null
              },
              "subject": {
                "description": "The referral id."
              },
              "householdid": {
                "description": "The household reference the partner received with the referral (never the internal household id)."
              }
            }
          }
        ]
      },
      "bindings": {
        "kafka": {
          "key": {
            "description": "The household reference of the referral.",
            "type": "string",
            "$ref": null
          }
        }
      }
    },
    "partner.ReferralCompleted.v1": {
      "title": "ReferralCompleted (partner answer)",
      "description": "Written by partner `partnerId` on `vt.partner.<partnerId>.responses.v1`. `causationid` is the id\nof the partner.ReferralIssued event it answers, `correlationid` that event's `correlationid`.\n`answeredBy` is the partner's own name for the person who answered (not a Veilig Thuis user).\n",
      "payload": {
        "allOf": [
          {},
          {
            "properties": {
              "source": {
                "description": "`/veilig-thuis/partner/<partnerId>`: the partner that answered.",
                "const": null
              },
              "subject": {
                "description": "The referral id."
              },
              "householdid": {
                "description": "The household reference the partner received with the referral (never the internal household id)."
              }
            }
          }
        ]
      },
      "bindings": {
        "kafka": {
          "key": {
            "description": "The household reference of the referral.",
            "type": "string",
            "$ref": null
          }
        }
      }
    }
  },
  "schemas": {
    "HouseholdKey": {
      "type": "string",
      "format": "uuid",
      "description": "Kafka record key: the household id, equal to the envelope's `householdid`, so one household's\nevents stay in order on one partition.\n"
    },
    "RecordHeaders": {
      "type": "object",
      "description": "Kafka record headers set by the outbox relay next to (never instead of) the envelope.",
      "required": [
        "content-type",
        "ce_id",
        "ce_type"
      ],
      "properties": {
        "content-type": {
          "const": "application/cloudevents+json; charset=UTF-8"
        },
        "ce_id": {
          "type": "string",
          "format": "uuid",
          "description": "The envelope's `id`."
        },
        "ce_type": {
          "type": "string",
          "description": "The envelope's `type`."
        }
      }
    },
    "DeadLetterHeaders": {
      "type": "object",
      "description": "The original record's headers (`content-type`, `ce_id`, `ce_type` when it had them) plus these.\nAll header values are UTF-8 strings.\n",
      "required": [
        "vt-dlq-reason",
        "vt-dlq-error",
        "vt-dlq-origin-topic",
        "vt-dlq-origin-partition",
        "vt-dlq-origin-offset",
        "vt-dlq-consumer-group",
        "vt-dlq-time",
        "vt-dlq-attempts"
      ],
      "properties": {
        "content-type": {
          "type": "string"
        },
        "ce_id": {
          "type": "string"
        },
        "ce_type": {
          "type": "string"
        },
        "vt-dlq-reason": {
          "enum": [
            "invalid-event",
            "handler-failed",
            "retries-exhausted",
            "household-parked"
          ],
          "description": "`invalid-event`: no value, not JSON, not a CloudEvent, unknown type, wrong dataschema or data\noff contract. `handler-failed`: the handler threw a non-retriable error. `retries-exhausted`:\na retriable error persisted through every attempt. `household-parked`: an earlier event of the\nsame household is already in this topic, so this one waits behind it.\n"
        },
        "vt-dlq-error": {
          "type": "string",
          "maxLength": 4000,
          "description": "What went wrong, as the consumer saw it."
        },
        "vt-dlq-origin-topic": {
          "type": "string",
          "description": "The topic the record was read from, with the deployment prefix."
        },
        "vt-dlq-origin-partition": {
          "type": "string",
          "pattern": "^[0-9]+$"
        },
        "vt-dlq-origin-offset": {
          "type": "string",
          "pattern": "^[0-9]+$"
        },
        "vt-dlq-consumer-group": {
          "type": "string",
          "description": "The consumer group that gave up, with the deployment prefix."
        },
        "vt-dlq-time": {
          "type": "string",
          "format": "date-time"
        },
        "vt-dlq-attempts": {
          "type": "string",
          "pattern": "^[0-9]+$",
          "description": "Attempts made; 0 for an invalid record."
        }
      }
    },
    "CloudEventEnvelope": {
      "description": "CloudEvents 1.0, structured JSON mode: the whole record value is this object. Extension\nattribute names are lower-case alphanumerics, as CloudEvents requires. `data` is checked\nseparately against the schema its `type` names.\n",
      "properties": {
        "id": {
          "description": "A UUID; consumers deduplicate on it."
        },
        "source": {
          "description": "`/veilig-thuis/<service>`."
        },
        "type": {
          "description": "`nl.veiligthuis.<context>.<Event>.v<major>`."
        },
        "dataschema": {
          "description": "The `$id` of the data schema, `urn:vt:schema:<context>.<Event>.v<major>`."
        },
        "householdid": {
          "description": "The household the event is about; also the record key."
        },
        "correlationid": {
          "description": "The id of the event that started the chain; a first event correlates with itself."
        },
        "causationid": {
          "description": "The id of the event this one follows from; a first event names itself."
        },
        "vtseq": {
          "description": "Tamper evidence (docs/adr/0009): this event's place in its producer's chain for the household\non this topic, 1, 2, 3 … without gaps. Assigned by the outbox in the producing transaction.\n"
        },
        "prevhash": {
          "description": "SHA-256 (hex) of the previous event of the same chain: of its whole envelope in RFC 8785 (JCS)\ncanonical JSON, as it lies on the topic. 64 zeros for the first event of a chain.\n"
        }
      },
      "$id": null
    },
    "EncryptedPersonData": {
      "type": "object",
      "description": "One person's personal fields (e.g. name, BSN, date of birth, address; for the melder also contact\ndetails and the account), encrypted with AES-256-GCM under that person's own data key, with the\nperson id and key id bound in as additional data. Destroying the key erases the fields everywhere.\n",
      "required": [
        "personId",
        "keyId",
        "alg",
        "iv",
        "ciphertext",
        "tag"
      ],
      "additionalProperties": false,
      "properties": {
        "personId": {
          "type": "string",
          "format": "uuid"
        },
        "keyId": {
          "type": "string",
          "format": "uuid"
        },
        "alg": {
          "const": "A256GCM"
        },
        "iv": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_-]{16}$"
        },
        "ciphertext": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_-]+$"
        },
        "tag": {
          "type": "string",
          "pattern": "^[A-Za-z0-9_-]{22}$"
        }
      },
      "$ref": null
    },
    "PersonRef": {
      "type": "object",
      "description": "A person as events name them, an id and a role. Names and other personal fields travel only encrypted.",
      "required": [
        "personId",
        "role"
      ],
      "additionalProperties": false,
      "properties": {
        "personId": {
          "type": "string",
          "format": "uuid"
        },
        "role": {
          "enum": [
            "victim",
            "child-involved",
            "adult-involved",
            "suspected-perpetrator",
            "other"
          ]
        },
        "minor": {
          "description": "Whether the person was under 18 when Veilig Thuis received the melding (date of birth, else estimated age); absent when unknown. Role child-involved is a minor whatever this says (added in v1, optional).",
          "type": "boolean"
        }
      },
      "$ref": null
    },
    "Disclosure": {
      "type": "object",
      "description": "What was disclosed, to whom, and on which legal basis. `legalBasis` is the basis of the partner type's disclosure in the household's jurisdiction (config/legal-bases.json, docs/adr/0019): Wmo 2015 articles in the European Netherlands, the law of Caribisch Nederland for an island household, with ` [verify]` at the end when unconfirmed.",
      "required": [
        "legalBasis",
        "purpose",
        "fields"
      ],
      "additionalProperties": false,
      "properties": {
        "legalBasis": {
          "type": "string",
          "minLength": 1
        },
        "purpose": {
          "type": "string",
          "minLength": 1
        },
        "fields": {
          "type": "array",
          "items": {
            "type": "string"
          }
        }
      },
      "$ref": null
    }
  },
  "dataSchemas": {
    "intake.MeldingReceived.v1": {
      "properties": {
        "receivedAt": {
          "description": "When the call, letter, police report or portal submission reached Veilig Thuis; the statutory clocks run from here."
        },
        "registeredAt": {
          "description": "When the call handler registered the melding (added in v1, optional; before, receivedAt was the registration time)."
        },
        "lateRegistration": {
          "description": "Present when the melding was registered more than RECEIPT_REASON_AFTER after receipt, with the reason as a code (added in v1, optional)."
        },
        "gemeenteCode": {
          "description": "The household's gemeente; absent for a household on one of the islands (then `island`)."
        },
        "island": {
          "description": "Bonaire, Saba or Sint Eustatius; no gemeentecode and no postcode there, the island desk handles it."
        },
        "region": {
          "description": "Where intake routed the household (VT region, veiligheidsregio) and the calendar its deadlines are counted in."
        },
        "registration": {
          "description": "The channel and the melder as categories (kind, sector, role, whether the identity is sealed); never who the melder is."
        },
        "concerns": {
          "description": "Codes of the versioned code lists aard van het geweld and additional tags; the caller's account stays in intake."
        },
        "personalData": {
          "description": "The personal fields of every person and of the melder, each encrypted under that person's own key."
        },
        "radar": {
          "description": "Earlier involvement of anyone in the melding, found nationally by BSN or by name, date of birth and\naddress; references only, never the other case's content. Radar proposes, a person decides\n(docs/adr/0018): each reference is a link for triage and says whether the melding may join that\nhousehold (every matched person in that one household, its case open, at the melding's postcode and\nhouse number); `decision` says what the call handler decided. A melding joins another household\nonly by a `joined` decision; otherwise `householdid` is its own new household.\n",
          "properties": {
            "classification": {
              "description": "vervolgmelding when someone is known from a running case; hermelding when only from closed cases (gesloten, or handed over by an accepted overdracht until the household entered directe veiligheid again); else first."
            },
            "references": {
              "items": {
                "properties": {
                  "caseId": {
                    "description": "The earlier household's id."
                  },
                  "personId": {
                    "description": "The person of this melding who matched (one of `persons`). Added in v1, optional."
                  },
                  "mayJoin": {
                    "description": "Whether the melding may join that household. Added in v1, optional."
                  },
                  "reason": {
                    "description": "Why the melding may not join, when `mayJoin` is false. Added in v1, optional."
                  }
                }
              }
            },
            "decision": {
              "description": "The call handler's decision, added in v1, optional: `joined` (the melding joined `householdId`, a\nhousehold the references allow), `kept-apart` (its own household; the references are links for\ntriage) or `no-match` (radar found nobody). `decidedBy` is the call handler who registered it.\n"
            }
          }
        },
        "acuteIndication": {
          "properties": {
            "signals": {
              "description": "What the call handler heard that points to acute unsafety (DOMAIN acute onveiligheid)."
            }
          }
        },
        "convertedFromAdviesvraag": {
          "description": "The adviesvraag this melding was converted from (POST /api/v1/adviesvragen/{id}/melding); absent for a melding registered directly."
        }
      }
    },
    "intake.AdviesvraagReceived.v1": {
      "properties": {
        "receivedAt": {
          "description": "When the adviesvraag reached Veilig Thuis, as the call handler gave it, else the registration time. No statutory clock runs from it."
        },
        "registeredAt": {
          "description": "When the call handler registered the adviesvraag (added in v1, optional; before, receivedAt was the registration time)."
        },
        "channel": {
          "description": "Code of the list `channels`; `chat` is allowed for advice."
        },
        "adviesvrager": {
          "description": "Who asked, as categories (kind, sector for a professional, role); never the name or contact details."
        },
        "region": {
          "description": "Where the household would be routed (VT region, veiligheidsregio) and its calendar; absent when the caller named no gemeente."
        },
        "concerns": {
          "description": "Codes of the versioned code lists aard van het geweld and additional tags; the question and the advice stay in intake."
        }
      }
    },
    "intake.AdviesvraagConvertedToMelding.v1": {
      "properties": {
        "meldingId": {
          "description": "The melding the adviesvraag became; its MeldingReceived names the adviesvraag in `convertedFromAdviesvraag`."
        },
        "householdId": {
          "description": "The melding's household."
        }
      }
    },
    "privacy.PersonDataErased.v1": {
      "properties": {
        "subjectKind": {
          "description": "A person named in a melding or adviesvraag, or the one who called (the melder, or the adviesvrager)."
        }
      }
    },
    "investigation.InvestigationFindingRecorded.v1": {
      "properties": {
        "finding": {
          "description": "The text of the finding, encrypted under the data key of the person it is about."
        }
      }
    },
    "triage.DeadlineStarted.v1": {
      "properties": {
        "personId": {
          "description": "The person the clock runs for (informeren-betrokkenen runs one clock per involved person; added in v1, optional)."
        }
      }
    },
    "triage.DeadlineApproaching.v1": {
      "properties": {
        "personId": {
          "description": "The person the clock runs for (informeren-betrokkenen runs one clock per involved person; added in v1, optional)."
        }
      }
    },
    "triage.DeadlineBreached.v1": {
      "properties": {
        "personId": {
          "description": "The person the clock runs for (informeren-betrokkenen runs one clock per involved person; added in v1, optional)."
        }
      }
    },
    "triage.DeadlineMet.v1": {
      "properties": {
        "personId": {
          "description": "The person the clock runs for (informeren-betrokkenen runs one clock per involved person; added in v1, optional)."
        }
      }
    },
    "triage.DeadlineExtended.v1": {
      "properties": {
        "personId": {
          "description": "The person the clock runs for (informeren-betrokkenen runs one clock per involved person; added in v1, optional)."
        }
      }
    },
    "household.MeldingAddedToHousehold.v1": {
      "properties": {
        "addedPersons": {
          "description": "The melding's persons the record did not hold yet; they start unconfirmed."
        }
      }
    },
    "household.ImmediateSafetyConfirmed.v1": {
      "properties": {
        "how": {
          "description": "How immediate safety was established, in the confirming person's words."
        }
      }
    },
    "household.HouseholdPhaseChanged.v1": {
      "properties": {
        "basedOn": {
          "description": "The recorded facts the change rests on; which ones depend on `command`.",
          "properties": {
            "confirmations": {
              "description": "MoveToDuurzameVeiligheid, every person's confirmation of immediate safety."
            },
            "safetyConditions": {
              "description": "MoveToHerstel, the safety conditions in force and to whom they were handed over."
            },
            "monitoringResult": {
              "description": "MoveToHerstel, the latest monitoring result (stable)."
            },
            "melding": {
              "description": "RegisterMelding, the melding and its acute check."
            },
            "investigation": {
              "description": "Closing on an investigation's conclusion (afsluiten, no unsafety found)."
            },
            "referral": {
              "description": "RegisterHandover, the referral whose partner accepted the overdracht."
            }
          }
        },
        "confirmationsWithdrawn": {
          "description": "Persons whose confirmed immediate safety this change withdraws (entering directe veiligheid)."
        }
      }
    },
    "household.SafetyConditionsRecorded.v1": {
      "properties": {
        "handedOverTo": {
          "description": "The parties watching over the conditions, by id (a partner id, `household`); empty until handed over."
        }
      }
    },
    "household.MonitoringResultRecorded.v1": {
      "properties": {
        "monitoringId": {
          "description": "The monitoring period whose check-in this result answers, when one is running."
        },
        "followUp": {
          "description": "For a result that is not stable, what follows (back to directe veiligheid, or a new assessment)."
        }
      }
    },
    "household.MonitoringCheckInOverdue.v1": {
      "properties": {
        "answerWithin": {
          "description": "ISO 8601 duration after dueAt within which a result was expected."
        },
        "resultsRecorded": {
          "description": "Stable results recorded in the period so far (fewer than checkIn)."
        }
      }
    },
    "household.HouseholdHandedOver.v1": {
      "properties": {
        "basis": {
          "description": "The referral service's fact this follows from, and the outcome the referral was made for."
        }
      }
    },
    "household.HouseholdHandoverCompleted.v1": {
      "properties": {
        "basis": {
          "description": "The referral service's fact this follows from, and the outcome the referral was made for."
        }
      }
    },
    "household.HouseholdHandoverFailed.v1": {
      "properties": {
        "basis": {
          "description": "The referral service's fact this follows from, and the outcome the referral was made for."
        }
      }
    },
    "household.HouseholdPhaseChangeRefused.v1": {
      "properties": {
        "phase": {
          "description": "The phase the household was in, and stays in."
        },
        "missing": {
          "description": "The facts the command needed and did not find, e.g. each person whose immediate safety is not confirmed."
        },
        "allowed": {
          "description": "The commands the current phase allows; `to` is the phase a move leads to."
        }
      }
    },
    "referral.ReferralIssued.v1": {
      "properties": {
        "householdReference": {
          "description": "The pseudonymous reference the partner was given for this household (docs/adr/0016), kept inside Veilig\nThuis so the mapping can be rebuilt from the log. Absent on referrals issued before it existed.\n"
        }
      }
    },
    "partner.ReferralIssued.v1": {
      "properties": {
        "householdReference": {
          "description": "The household as this partner knows it: HMAC-SHA-256 of partner id and household id under a Veilig\nThuis secret, as a UUID (docs/adr/0016). The same on every referral of the household to this partner,\ndifferent for every other partner, never the internal household id.\n"
        }
      }
    },
    "referral.ReferralRoutingFailed.v1": {
      "properties": {
        "purpose": {
          "description": "What the referral was wanted for (as ReferralIssued.purpose), also when nobody fitted from the start. Absent on failures recorded before it existed."
        },
        "outcome": {
          "description": "The outcome code the referral was wanted for (as ReferralIssued.basis.outcome)."
        }
      }
    },
    "partner.ReferralAccepted.v1": {
      "properties": {
        "householdReference": {
          "description": "The household reference given with the referral (as `householdid`); optional for older answers."
        },
        "answeredBy": {
          "description": "The partner's own id for the person who answered."
        }
      }
    },
    "partner.ReferralDeclined.v1": {
      "properties": {
        "householdReference": {
          "description": "The household reference given with the referral (as `householdid`); optional for older answers."
        },
        "answeredBy": {
          "description": "The partner's own id for the person who answered."
        },
        "reason": {
          "description": "Why the partner declines; the referral service routes on the code."
        }
      }
    },
    "partner.ReferralCompleted.v1": {
      "properties": {
        "householdReference": {
          "description": "The household reference given with the referral (as `householdid`); optional for older answers."
        },
        "answeredBy": {
          "description": "The partner's own id for the person who answered."
        }
      }
    }
  }
};
