import type { ApiDocumentOptions, DescribedOperation } from '@vt/runtime';

const placementSchema = {
  type: 'object',
  required: ['placementId', 'householdId', 'homeRegion', 'urgency', 'places', 'constraints', 'status', 'requestedAt', 'currentShelter', 'asks'],
  properties: {
    placementId: { type: 'string', format: 'uuid' },
    householdId: { type: 'string', format: 'uuid' },
    homeRegion: { type: 'string', description: 'The VT region that asked (the household\'s own).' },
    urgency: { type: 'string', enum: ['acuut', 'spoed', 'regulier'] },
    places: { type: 'object', required: ['adults', 'children'], properties: { adults: { type: 'integer' }, children: { type: 'integer' } } },
    constraints: { type: 'object', required: ['notInHomeRegion', 'excludedRegions'], properties: { notInHomeRegion: { type: 'boolean' }, excludedRegions: { type: 'array', items: { type: 'string' } } } },
    status: { type: 'string', enum: ['offered', 'escalated', 'accepted', 'in-stay', 'ended', 'cancelled'], description: '`escalated`: no eligible shelter had a place or every one asked declined or let the offer lapse; it needs a person now, and is offered again as soon as an eligible shelter reports a free place.' },
    requestedAt: { type: 'string', format: 'date-time' },
    currentShelter: {
      type: ['object', 'null'],
      description: 'The shelter with the open offer (with `answerDueAt`), or the one that accepted, or where the stay is.',
      properties: { shelterId: { type: 'string' }, shelterRegion: { type: 'string' }, answerDueAt: { type: 'string', format: 'date-time' } },
    },
    asks: {
      type: 'array',
      description: 'Every shelter asked, in order.',
      items: {
        type: 'object',
        required: ['attempt', 'shelterId', 'shelterRegion', 'offeredAt', 'answerDueAt', 'outcome'],
        properties: {
          attempt: { type: 'integer' },
          shelterId: { type: 'string' },
          shelterRegion: { type: 'string' },
          offeredAt: { type: 'string', format: 'date-time' },
          answerDueAt: { type: 'string', format: 'date-time' },
          outcome: { type: 'string', enum: ['open', 'accepted', 'declined', 'lapsed', 'withdrawn'] },
          declineReason: { type: 'string' },
        },
      },
    },
    programme: { type: 'string' },
    acceptedAt: { type: 'string', format: 'date-time' },
    escalatedAt: { type: 'string', format: 'date-time' },
    cancelledAt: { type: 'string', format: 'date-time' },
    stayStartedAt: { type: 'string', format: 'date-time' },
    endedAt: { type: 'string', format: 'date-time' },
    destination: { type: 'string' },
  },
};

/** What shelter placement's OpenAPI document says about the service; the rest is generated from its controllers (docs/adr/0029). */
export const SHELTER_PLACEMENT_API: ApiDocumentOptions = {
  service: 'shelter-placement',
  title: 'Veilig Thuis shelter placement',
  description:
    "Shelter placement (docs/adr/0040): Veilig Thuis asks for a place in vrouwenopvang for a household, with an urgency and safety constraints; the request is offered to one shelter at a time, nationally, best first among the shelters with a free place that the constraints allow; a decline or a lapsed answer term moves it on, and when nobody is left it escalates until a shelter reports a free place. Shelters report their capacity, read the requests offered to them on their own Kafka topic `vt.shelter.<shelter>.offers.v1` (or here), answer, and report in-, door- and uitstroom. Shelters never see a household id. See `apps/shelter-placement/README.md`.\n\n**Auth.** Every route needs `Authorization: Bearer <token>`: Veilig Thuis staff (`triage`, `investigator`, `referral-coordinator`; the token's one VT region is the household's home region, and reads are limited to it) or a shelter (role `partner`, claim `partner` = a vrouwenopvang partner of the directory).\n\n**Errors.** Every 4xx and 5xx answer is an RFC 9457 problem (`application/problem+json`, schema `Problem`) that keeps the codes `error` and `statusCode`; a refusal by a rule names it in `rule` and the failing field in `fields[{ path, code, message }]`. Nothing is stored on a refusal.",
  server: { url: 'http://127.0.0.1:3006', description: 'Local (`npx nx serve shelter-placement`; `HTTP_PORT`, default 3006).' },
  tags: [
    { name: 'placements', description: 'Veilig Thuis asks for, follows and cancels shelter places.' },
    { name: 'shelters', description: 'Shelters report capacity, answer offers and report the stay.' },
  ],
  schemas: {
    ShelterPlacement: placementSchema,
    ShelterPlacementList: { type: 'array', items: { $ref: '#/components/schemas/ShelterPlacement' } },
    ShelterOffer: {
      type: 'object',
      required: ['placementId', 'urgency', 'places', 'offeredAt', 'answerDueAt', 'requestingRegion', 'contact'],
      description: 'A request offered to the shelter: nothing that identifies the household.',
      properties: {
        placementId: { type: 'string', format: 'uuid' },
        urgency: { type: 'string', enum: ['acuut', 'spoed', 'regulier'] },
        places: { type: 'object', properties: { adults: { type: 'integer' }, children: { type: 'integer' } } },
        offeredAt: { type: 'string', format: 'date-time' },
        answerDueAt: { type: 'string', format: 'date-time' },
        requestingRegion: { type: 'string' },
        contact: { type: 'object', properties: { name: { type: 'string' }, phone: { type: 'string' } } },
      },
    },
    ShelterOfferList: { type: 'array', items: { $ref: '#/components/schemas/ShelterOffer' } },
    ShelterPlacementAnswer: {
      type: 'object',
      required: ['placementId', 'status'],
      description: 'Where the placement stands after the shelter\'s answer or report; never the household.',
      properties: { placementId: { type: 'string', format: 'uuid' }, status: { type: 'string' }, shelterId: { type: 'string' }, programme: { type: 'string' } },
    },
    ShelterCapacity: {
      type: 'object',
      required: ['shelterId', 'region', 'totalPlaces', 'freePlaces', 'heldPlaces', 'reportedAt', 'offered'],
      properties: {
        shelterId: { type: 'string' },
        region: { type: 'string' },
        totalPlaces: { type: 'integer' },
        freePlaces: { type: 'integer' },
        heldPlaces: { type: 'integer', description: 'Places of the offers open to the shelter now (including those this report led to).' },
        reportedAt: { type: 'string', format: 'date-time' },
        offered: { type: 'integer', description: 'Escalated placements offered to the shelter because of this report.' },
      },
    },
  },
};

const forbidden403 = { description: '`forbidden`: not a role of Veilig Thuis staff that may, or a token that does not cover exactly one VT region.' };
const shelter403 = { description: '`not-a-shelter` (not a partner token of a vrouwenopvang partner), `forbidden` (not a partner token), or a rule: `not-the-asked-shelter`, `not-the-accepting-shelter`, `not-the-current-shelter`.' };

export const PLACEMENT_OPERATIONS: Record<'requestPlacement' | 'listPlacements' | 'showPlacement' | 'cancelPlacement', DescribedOperation> = {
  requestPlacement: {
    summary: 'Ask for a shelter place for a household',
    description:
      'Records `ShelterPlacementRequested` and, in the same transaction, offers the request to the best eligible shelter (`ShelterPlacementOffered`, and `PlaceRequested` on that shelter\'s topic) or escalates it (`ShelterPlacementEscalated`, reason `no-free-place`). The home region is the token\'s VT region; `constraints.notInHomeRegion` defaults to true.',
    requestExamples: { placement: { value: { householdId: '5b1f3c2a-9d8e-4f7a-b6c5-d4e3f2a1b0c9', urgency: 'spoed', places: { adults: 1, children: 2 }, constraints: { notInHomeRegion: true, excludedRegions: ['vt-drenthe'] } } } },
    responses: {
      '201': { description: 'Requested: offered to a shelter (`status` offered) or escalated.', schema: 'ShelterPlacement' },
      '400': { description: '`validation-failed`: a field is missing or malformed (`fields` names it), e.g. an excluded region that is not a VT region.' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': forbidden403,
      '422': { description: 'A rule: `request-invalid` (e.g. more than 20 places, `fields` names it), or `idempotency-key-reused`.' },
    },
  },
  listPlacements: {
    summary: "The placements of the token's VT region(s)",
    description: 'Each placement returned is recorded as a read (CaseDataAccessed, subject `shelter-placement`) with the `X-Access-Purpose`. At most 500, oldest request first.',
    responses: {
      '200': { description: 'The placements.', schema: 'ShelterPlacementList' },
      '400': { description: '`validation-failed`: `status` is not a status, or `X-Access-Purpose` is missing or not a code.' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': forbidden403,
    },
  },
  showPlacement: {
    summary: 'One placement of the home region',
    description: 'Recorded as a read (CaseDataAccessed, subject `shelter-placement`). A placement of another VT region is answered as if it did not exist.',
    responses: {
      '200': { description: 'The placement.', schema: 'ShelterPlacement' },
      '400': { description: '`validation-failed`: the id is not a UUID, or `X-Access-Purpose` is missing or not a code.' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': forbidden403,
      '404': { description: '`placement-not-found`: no such placement in the token\'s region.' },
    },
  },
  cancelPlacement: {
    summary: 'Cancel a request before the stay starts',
    description: 'Records `ShelterPlacementCancelled`; the shelter with the open offer, or that accepted, reads `PlaceRequestWithdrawn` (reason `cancelled`).',
    requestExamples: { cancel: { value: { reason: 'placed-elsewhere' } } },
    responses: {
      '200': { description: 'Cancelled.', schema: 'ShelterPlacement' },
      '400': { description: '`validation-failed`: `reason` is not a code.' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': forbidden403,
      '404': { description: '`placement-not-found`: no such placement in the token\'s region.' },
      '409': { description: '`already-cancelled`, or `stay-started` (it ends by uitstroom).' },
    },
  },
};

export const SHELTER_OPERATIONS: Record<'reportCapacity' | 'listOffers' | 'answerOffer' | 'startStay' | 'moveStay' | 'endStay', DescribedOperation> = {
  reportCapacity: {
    summary: "Report the shelter's places (in all, free now)",
    description:
      'Records `ShelterCapacityReported`; then every escalated placement the shelter may take (most urgent, longest waiting first) is offered to it in the same transaction. Only for the shelter of the token.',
    requestExamples: { capacity: { value: { totalPlaces: 24, freePlaces: 3 } } },
    responses: {
      '200': { description: 'Recorded.', schema: 'ShelterCapacity' },
      '400': { description: '`validation-failed`: a count is missing or not a whole number from 0 to 10000.' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': { description: '`not-a-shelter`, `forbidden`, or `not-own-shelter` (another shelter\'s id in the path).' },
      '422': { description: '`capacity-invalid`: more free places than places.' },
    },
  },
  listOffers: {
    summary: 'The requests open to the shelter now',
    description: 'The same as the `PlaceRequested` records on its topic that are neither answered, withdrawn nor lapsed. Never the household.',
    responses: {
      '200': { description: 'The open offers.', schema: 'ShelterOfferList' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': { description: '`not-a-shelter`, `forbidden`, or `not-own-shelter`.' },
    },
  },
  answerOffer: {
    summary: 'Accept or decline an offer',
    description: 'Accepted: `ShelterPlacementAccepted`. Declined (a reason code): `ShelterPlacementDeclined`, and the request goes to the next eligible shelter or escalates in the same transaction.',
    requestExamples: { accept: { value: { accepted: true } }, decline: { value: { accepted: false, reason: 'no-place' } } },
    responses: {
      '200': { description: 'Answered.', schema: 'ShelterPlacementAnswer' },
      '400': { description: '`validation-failed`.' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': shelter403,
      '404': { description: '`placement-not-found`: not a placement this shelter was asked about.' },
      '409': { description: '`no-open-offer`: answered, lapsed or cancelled already.' },
      '422': { description: '`decline-needs-reason`.' },
    },
  },
  startStay: {
    summary: 'Instroom: the household arrived',
    description: 'Only the shelter that accepted; `ShelterStayStarted`.',
    requestExamples: { start: { value: { startedAt: '2026-12-08T14:00:00+01:00' } } },
    responses: {
      '200': { description: 'Recorded.', schema: 'ShelterPlacementAnswer' },
      '400': { description: '`validation-failed`.' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': shelter403,
      '404': { description: '`placement-not-found`.' },
      '409': { description: '`not-accepted`.' },
      '422': { description: '`stay-time-invalid`: before the acceptance or in the future.' },
    },
  },
  moveStay: {
    summary: 'Doorstroom: the stay continues at another shelter or in another programme',
    description: 'Only the shelter where the stay is now; `ShelterStayMoved`.',
    requestExamples: { move: { value: { toShelterId: 'vrouwenopvang-drenthe', programme: 'tweede-fase-opvang', movedAt: '2027-01-15T10:00:00+01:00' } } },
    responses: {
      '200': { description: 'Recorded.', schema: 'ShelterPlacementAnswer' },
      '400': { description: '`validation-failed`.' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': shelter403,
      '404': { description: '`placement-not-found`.' },
      '409': { description: '`not-in-stay`.' },
      '422': { description: '`unknown-shelter`, `move-changes-nothing`, `stay-time-invalid`.' },
    },
  },
  endStay: {
    summary: 'Uitstroom: the household left shelter care',
    description: 'Only the shelter where the stay is now; `ShelterStayEnded` with the destination.',
    requestExamples: { end: { value: { destination: 'nieuwe-woning', endedAt: '2027-03-01T10:00:00+01:00' } } },
    responses: {
      '200': { description: 'Recorded.', schema: 'ShelterPlacementAnswer' },
      '400': { description: '`validation-failed`.' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': shelter403,
      '404': { description: '`placement-not-found`.' },
      '409': { description: '`not-in-stay`.' },
      '422': { description: '`stay-time-invalid`.' },
    },
  },
};
