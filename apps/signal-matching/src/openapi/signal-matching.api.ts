import type { ApiDocumentOptions, DescribedOperation } from '@vt/runtime';

/** What signal matching's OpenAPI document says about the service; the rest is generated from its controllers (docs/adr/0029). */
export const SIGNAL_MATCHING_API: ApiDocumentOptions = {
  service: 'signal-matching',
  title: 'Veilig Thuis signal matching',
  description:
    "Signal matching, the successor of the verwijsindex risicojongeren, opt-in per region (docs/adr/0038): an organisation a region admitted signals that it is involved with a young person under 23, known only by a keyed pseudonym of the BSN computed on the organisation's side; when two organisations signal the same pseudonym, each reads a match on its own Kafka topic `vt.signals.<organisation>.matches.v1` naming whom to contact, and nothing about the other's involvement. See `apps/signal-matching/README.md`.\n\n**Auth.** Every route needs `Authorization: Bearer <token>` of role `partner`; the token's `partner` claim is the organisation.\n\n**Errors.** Every 4xx and 5xx answer is an RFC 9457 problem (`application/problem+json`, schema `Problem`) that keeps the codes `error` and `statusCode`; a refused body lists the failing fields in `fields[{ path, code, message }]`. Nothing is stored on a refusal.",
  server: { url: 'http://127.0.0.1:3005', description: 'Local (`npx nx serve signal-matching`; `HTTP_PORT`, default 3005).' },
  tags: [{ name: 'signals', description: 'Register and withdraw signals.' }],
  schemas: {
    SignalRegistered: {
      type: 'object',
      required: ['signalId', 'expiresAt', 'renewed'],
      properties: {
        signalId: { type: 'string', format: 'uuid' },
        expiresAt: { type: 'string', format: 'date-time', description: 'When the signal expires unless registered again.' },
        renewed: { type: 'boolean', description: "True when the organisation's active signal for this young person was extended." },
      },
    },
    SignalWithdrawn: {
      type: 'object',
      required: ['signalId', 'withdrawnAt'],
      properties: { signalId: { type: 'string', format: 'uuid' }, withdrawnAt: { type: 'string', format: 'date-time' } },
    },
  },
};

export const SIGNAL_OPERATIONS: Record<'registerSignal' | 'withdrawSignal', DescribedOperation> = {
  registerSignal: {
    summary: 'Register (or extend) a signal for a young person, by pseudonym',
    description:
      "The answer never says whether anyone else signalled: matches arrive on the organisation's own topic. A region that has not opted in, or did not admit the organisation, is refused before anything is looked up. The registration is recorded (`SignalRegistered` on `vt.signals.signals.v1`, the pseudonym encrypted under the signal's own key).",
    requestExamples: { signal: { value: { pseudonym: 'q5Qn2m9bqK3oX1tH0lJ6a8yQeXc0m3Zb1kR4n7w2s9E', region: 'vt-groningen', birthMonth: '2010-05' } } },
    responses: {
      '201': { description: 'Registered, or the active signal extended (`renewed`).', schema: 'SignalRegistered' },
      '400': { description: '`validation-failed`: a field is missing or malformed (`fields` names it).' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': { description: '`region-not-opted-in` (the region takes no part; nothing is looked up), `organisation-not-admitted`, or `forbidden` (not a partner token).' },
      '422': { description: '`validation-failed`: `birthMonth` past the age limit or in the future.' },
    },
  },
  withdrawSignal: {
    summary: "Withdraw one of the organisation's own signals",
    description: "Ends the signal: no match is made with it any more, its pseudonym is cleared and its data key destroyed (crypto-shredding). Another organisation's signal is answered as if it did not exist.",
    responses: {
      '200': { description: 'Withdrawn.', schema: 'SignalWithdrawn' },
      '400': { description: '`validation-failed`: the signal id is not a UUID.' },
      '401': { description: '`unauthenticated`: no valid token.' },
      '403': { description: '`forbidden`: not a partner token.' },
      '404': { description: '`signal-not-found`: no such signal of this organisation.' },
      '409': { description: '`signal-not-active`: the signal already ended.' },
    },
  },
};
