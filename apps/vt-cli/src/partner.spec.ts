import { EventValidator } from '@vt/messaging';
import { PARTNER_REFERRAL_ISSUED, PARTNER_REFERRAL_ISSUED_V2 } from '@vt/contracts';
import { answerEvent, explainKafkaError, fetchSafetyConditions, parseCredentialsFile, parsePartnerArgs, PartnerOptions, renderConditions, renderReferral, runPartner } from './partner';

const REFERRAL = '5b0d6a3e-3f0c-4f57-9a0e-2f9d1c3b7a10';
const HOUSEHOLD = 'c1a4f1d2-8f5e-4c44-9a51-0b6b2d7e9f31';
const env = { KAFKA_BROKERS: '127.0.0.1:9092', VT_PARTNER_USER: 'j.jansen' };

function parse(args: string[], extraEnv: Record<string, string> = {}, files: Record<string, string> = {}): PartnerOptions {
  const options = parsePartnerArgs(['consume', ...args], { ...env, ...extraEnv }, (path) => {
    const text = files[path];
    if (text === undefined) throw new Error('ENOENT: no such file');
    return text;
  });
  if (options === 'help') throw new Error('unexpected help');
  return options;
}

function problems(args: string[], extraEnv: Record<string, string> = {}): string {
  try {
    parsePartnerArgs(args, { ...env, ...extraEnv });
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('vt partner consume: options', () => {
  it("reads the partner's own topics in group partner-<id>, as user partner-<id> by default", () => {
    const options = parse(['--partner', 'lokaal-team-gm0363'], { VT_PARTNER_PASSWORD: 's3cret' });
    expect(options).toMatchObject({
      partnerId: 'lokaal-team-gm0363',
      brokers: ['127.0.0.1:9092'],
      sasl: { mechanism: 'scram-sha-512', username: 'partner-lokaal-team-gm0363', password: 's3cret' },
      referralsTopic: 'vt.partner.lokaal-team-gm0363.referrals.v1',
      responsesTopic: 'vt.partner.lokaal-team-gm0363.responses.v1',
      groupId: 'partner-lokaal-team-gm0363',
      once: false,
      all: false,
      answeredBy: 'j.jansen',
    });
  });

  it('puts the topic prefix before topics and the group, and takes settings from a credentials file', () => {
    const file = '# handed out by Veilig Thuis\nKAFKA_BROKERS=kafka.vt.example:9094\nVT_PARTNER_USERNAME="partner-ggz-noord"\nexport VT_PARTNER_PASSWORD=pw\nTOPIC_PREFIX=t1234abcd.\n';
    const options = parse(['--partner', 'ggz-noord', '--credentials', '/creds'], { KAFKA_BROKERS: '' }, { '/creds': file });
    expect(options).toMatchObject({
      brokers: ['kafka.vt.example:9094'],
      sasl: { username: 'partner-ggz-noord', password: 'pw' },
      referralsTopic: 't1234abcd.vt.partner.ggz-noord.referrals.v1',
      responsesTopic: 't1234abcd.vt.partner.ggz-noord.responses.v1',
      groupId: 't1234abcd.partner-ggz-noord',
    });
    expect(parseCredentialsFile("A='x=y'\n\nB = z")).toEqual({ A: 'x=y', B: 'z' });
  });

  it('flags win over the environment', () => {
    const options = parse(['--partner', 'p1', '--brokers', 'b:1,c:2', '--username', 'u', '--password', 'flag', '--topic-prefix', 'x.'], { VT_PARTNER_PASSWORD: 'env', TOPIC_PREFIX: 'y.' });
    expect(options).toMatchObject({ brokers: ['b:1', 'c:2'], sasl: { username: 'u', password: 'flag' }, groupId: 'x.partner-p1' });
  });

  it('collects answers by referral id; --complete reads everything in a lookup group that never commits', () => {
    const other = '0f4b3c2a-1d2e-4f50-8a6b-7c8d9e0f1a2b';
    const options = parse(['--partner', 'p1', '--accept', REFERRAL, '--decline', other, '--reason', 'geen-capaciteit', '--once']);
    expect(options.answers).toEqual(
      new Map([
        [REFERRAL, { kind: 'accept' }],
        [other, { kind: 'decline', reason: { code: 'geen-capaciteit' } }],
      ]),
    );
    expect(options.once).toBe(true);
    expect(parse(['--partner', 'p1', '--complete', REFERRAL])).toMatchObject({ all: true, groupId: 'partner-p1.lookup' });
    expect(parse(['--partner', 'p1', '--until-idle', '--json'])).toMatchObject({ once: true, json: true });
  });

  it('explains every mistake at once', () => {
    const message = problems(['consume', '--accept', 'abc', '--decline', REFERRAL, '--reason', 'te-druk', '--wait', '5s'], { KAFKA_BROKERS: '' });
    expect(message.split('\n')).toEqual([
      '--partner is missing (the partner id Veilig Thuis gave you, e.g. lokaal-team-gm0363)',
      '--brokers is missing (or KAFKA_BROKERS, or the credentials file): comma-separated host:port',
      '--accept "abc" is not a referral id (a UUID)',
      '--reason "te-druk" is not one of geen-capaciteit, niet-bevoegd, buiten-werkgebied, al-betrokken, anders',
      '--wait must be whole seconds (got "5s")',
    ]);
    expect(problems(['consume', '--partner', 'p1', '--decline', REFERRAL])).toContain('--decline needs --reason');
    expect(problems(['consume', '--partner', 'p1', '--reason', 'anders'])).toContain('--reason goes with --decline');
    // ADR 0020: a partner's topic is part of the permanent record, so a decline carries a code and no free text.
    expect(problems(['consume', '--partner', 'p1', '--decline', REFERRAL, '--reason', 'anders', '--text', 'Woont in Zaandam.'])).toContain('Unknown option');
    expect(problems(['consume', '--partner', 'p1', '--accept', REFERRAL, '--complete', REFERRAL])).toContain(`referral ${REFERRAL} has more than one answer`);
    expect(problems(['consume', '--partner', 'p1', '--username', 'u'])).toContain('--username needs a password');
    expect(problems(['list', '--partner', 'p1'])).toContain('unknown action "list"');
    expect(problems(['consume', '--partner', 'p1', '--credentials', '/nowhere'])).toContain('cannot read the credentials file /nowhere');
  });

  it('answers --help, and a usage mistake with exit code 2', async () => {
    let out = '';
    let err = '';
    const io = { stdout: (text: string) => (out += text), stderr: (text: string) => (err += text) };
    expect(await runPartner(['--help'], io, env)).toBe(0);
    expect(out).toContain('--decline <referralId>');
    expect(await runPartner(['consume', '--accept', REFERRAL], io, env)).toBe(2);
    expect(err).toContain('--partner is missing');
    expect(err).toContain('npm run vt -- partner --help');
  });
});

describe('vt partner consume: what the partner sees', () => {
  const referral = {
    type: PARTNER_REFERRAL_ISSUED,
    time: '2026-11-29T09:00:00.000Z',
    data: {
      referralId: REFERRAL,
      householdReference: HOUSEHOLD,
      partnerId: 'lokaal-team-gm0363',
      partnerType: 'lokaal-team',
      gemeenteCode: 'GM0363',
      disclosure: { legalBasis: 'Wmo 2015 art. 4.1.1 lid 2 onder e', purpose: 'overdracht voor hulp aan het huishouden', fields: ['householdReference', 'gemeenteCode'] },
      issuedAt: '2026-11-29T09:00:00.000Z',
    },
  };

  it('shows the referral, the household reference, what is disclosed with its legal basis and purpose', () => {
    const text = renderReferral(referral);
    expect(text).toContain(`Referral ${REFERRAL}`);
    expect(text).toMatch(new RegExp(`household: +${HOUSEHOLD} \\(your reference\\)`));
    expect(text).toMatch(/for: +lokaal-team-gm0363 \(lokaal-team, gemeente GM0363\)/);
    expect(text).toMatch(/disclosed: +householdReference, gemeenteCode/);
    expect(text).toMatch(/legal basis: +Wmo 2015 art\. 4\.1\.1 lid 2 onder e/);
    expect(text).toMatch(/purpose: +overdracht voor hulp aan het huishouden/);
    expect(text).not.toContain('safety conditions');
  });

  it('shows safety conditions, a reason and fields it does not know yet', () => {
    const text = renderReferral({
      ...referral,
      data: {
        ...referral.data,
        purpose: 'voorwaarden',
        outcome: 'voorwaarden-en-vervolg',
        persons: [{ personId: '3c9a1f0e-2b4d-4e6f-8a1b-2c3d4e5f6a7b', role: 'child-involved' }],
        safetyConditions: [{ condition: 'Geen contact met moeder', party: 'lokaal-team-gm0363' }, 'Dagelijks naar school'],
        answerDueAt: '2026-12-03T17:00:00.000Z',
        riskLevel: 'hoog',
      },
    });
    expect(text).toMatch(/asked of you: +voorwaarden/);
    expect(text).toMatch(/following: +voorwaarden-en-vervolg/);
    expect(text).toMatch(/persons: +child-involved 3c9a1f0e-2b4d-4e6f-8a1b-2c3d4e5f6a7b/);
    expect(text).toContain('  safety conditions:\n    - condition: Geen contact met moeder, party: lokaal-team-gm0363\n    - Dagelijks naar school\n');
    expect(text).toMatch(/answer by: +2026-12-03T17:00:00.000Z/);
    expect(text).toMatch(/riskLevel: +hoog/);
  });

  it('says that a withdrawn referral needs no answer', () => {
    const text = renderReferral({ type: 'nl.veiligthuis.partner.ReferralWithdrawn.v1', data: { referralId: REFERRAL, partnerId: 'p1', reason: 'expired', withdrawnAt: '2026-12-04T00:00:00.000Z' } });
    expect(text).toBe(`Referral ${REFERRAL} withdrawn: it was not answered in time (2026-12-04T00:00:00.000Z); no answer needed\n`);
  });

  it('says so when a referral carries no disclosure', () => {
    expect(renderReferral({ type: PARTNER_REFERRAL_ISSUED, data: { referralId: REFERRAL } })).toContain('no disclosure recorded');
  });
});

// Rule (ADR 0020, ISSUE-11 plan "Free text"): partner topics carry no safety conditions, only their count; the
// partner reads them from Veilig Thuis with its own token, a read Veilig Thuis records as a disclosure.
describe('vt partner consume: safety conditions read over HTTP', () => {
  const v2 = {
    type: PARTNER_REFERRAL_ISSUED_V2,
    data: {
      referralId: REFERRAL,
      householdReference: HOUSEHOLD,
      partnerId: 'lokaal-team-gm0363',
      partnerType: 'lokaal-team',
      purpose: 'voorwaarden',
      safetyConditionCount: 2,
      disclosure: { legalBasis: 'Wmo 2015 art. 5.2.6', purpose: 'voorwaarden', fields: ['householdReference', 'safetyConditionCount'] },
      issuedAt: '2026-11-29T09:00:00.000Z',
    },
  };

  it('shows how many conditions a referral has and how to read them; never takes the count for unknown fields', () => {
    const text = renderReferral(v2);
    expect(text).toContain(`Referral ${REFERRAL}`);
    expect(text).toMatch(/safety conditions: +2 \(not on the topic: read them with --conditions\)/);
    expect(text).not.toMatch(/safetyConditionCount:/);
  });

  it('--conditions needs the service and a token, from flags, the environment or the credentials file; https only, http on localhost', () => {
    expect(parse(['--partner', 'lokaal-team-gm0363']).conditions).toBeUndefined();
    expect(parse(['--partner', 'lokaal-team-gm0363', '--conditions', '--service', 'https://vt.example/', '--token', 't0k']).conditions).toEqual({ serviceUrl: 'https://vt.example', token: 't0k' });
    expect(parse(['--partner', 'lokaal-team-gm0363', '--conditions'], { VT_SAFETY_INVESTIGATION_URL: 'http://127.0.0.1:3003', VT_PARTNER_TOKEN: 'env-token' }).conditions).toEqual({ serviceUrl: 'http://127.0.0.1:3003', token: 'env-token' });
    const fromFile = parse(['--partner', 'lokaal-team-gm0363', '--conditions', '--credentials', 'c.env'], {}, { 'c.env': 'VT_SAFETY_INVESTIGATION_URL=https://vt.example\nVT_PARTNER_TOKEN=file-token\n' });
    expect(fromFile.conditions).toEqual({ serviceUrl: 'https://vt.example', token: 'file-token' });
    const message = problems(['consume', '--partner', 'lokaal-team-gm0363', '--conditions', '--service', 'http://vt.example']);
    expect(message).toContain('--service "http://vt.example" must be an https:// address');
    expect(message).toContain('--conditions needs --token');
    expect(problems(['consume', '--partner', 'lokaal-team-gm0363', '--token', 'x'])).toContain('--service and --token go with --conditions');
  });

  it('reads the conditions with the partner token and shows them, or says why they could not be read', async () => {
    const asked: { url: string; authorization: string | null }[] = [];
    const answering = (status: number, body: unknown): typeof fetch =>
      (async (url: string | URL | Request, init?: RequestInit) => {
        asked.push({ url: String(url), authorization: new Headers(init?.headers).get('authorization') });
        return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      }) as typeof fetch;
    const target = { serviceUrl: 'https://vt.example', token: 'partner-token' };
    const read = await fetchSafetyConditions(target, REFERRAL, answering(200, { referralId: REFERRAL, conditionCount: 2, conditions: ['Geen alcohol in huis', 'Dagelijks naar school'], recordedAt: '2026-11-28T10:00:00.000Z' }));
    expect(asked).toEqual([{ url: `https://vt.example/api/v1/partner/referrals/${REFERRAL}/safety-conditions`, authorization: 'Bearer partner-token' }]);
    expect(renderConditions(REFERRAL, read)).toBe('  safety conditions (set 2026-11-28T10:00:00.000Z):\n    - Geen alcohol in huis\n    - Dagelijks naar school\n');
    const erased = await fetchSafetyConditions(target, REFERRAL, answering(410, { statusCode: 410, error: 'safety-conditions-erased', message: 'the household\'s data was erased on 2027-01-01T00:00:00.000Z' }));
    expect(renderConditions(REFERRAL, erased)).toBe(`  safety conditions of ${REFERRAL} not read: 410 safety-conditions-erased: the household's data was erased on 2027-01-01T00:00:00.000Z\n`);
    const down = await fetchSafetyConditions(target, REFERRAL, (async () => Promise.reject(new Error('ECONNREFUSED'))) as typeof fetch);
    expect(down).toMatchObject({ ok: false, status: 0, error: 'unreachable' });
  });
});

describe('vt partner consume: the answer it writes', () => {
  const validator = new EventValidator();
  const referralEvent = { id: 'e6b1c9a0-5d1f-4c8e-9b7a-2a3c4d5e6f70', correlationid: 'a0e1f2d3-c4b5-4a69-8877-665544332211', referralId: REFERRAL, householdReference: HOUSEHOLD };
  const now = new Date('2026-11-30T10:15:00.000Z');

  it('is a CloudEvent from the partner, on the household reference (envelope and data), caused by the referral, valid against its contract', () => {
    const event = answerEvent({ partnerId: 'lokaal-team-gm0363', referral: referralEvent, answer: { kind: 'accept' }, answeredBy: 'j.jansen', now });
    expect(event).toMatchObject({
      type: 'nl.veiligthuis.partner.ReferralAccepted.v1',
      source: '/veilig-thuis/partner/lokaal-team-gm0363',
      subject: REFERRAL,
      householdid: HOUSEHOLD,
      causationid: referralEvent.id,
      correlationid: referralEvent.correlationid,
      dataschema: 'urn:vt:schema:partner.ReferralAccepted.v1',
      data: { referralId: REFERRAL, partnerId: 'lokaal-team-gm0363', householdReference: HOUSEHOLD, answeredAt: '2026-11-30T10:15:00.000Z', answeredBy: 'j.jansen' },
    });
    expect(validator.parse(JSON.stringify(event))).toMatchObject({ ok: true });
  });

  it('carries the reason of a decline; a completion is valid too', () => {
    const declined = answerEvent({ partnerId: 'p1', referral: referralEvent, answer: { kind: 'decline', reason: { code: 'buiten-werkgebied' } }, answeredBy: 'j.jansen', now });
    expect(declined).toMatchObject({ type: 'nl.veiligthuis.partner.ReferralDeclined.v2', data: { reason: { code: 'buiten-werkgebied' } } });
    expect(validator.parse(JSON.stringify(declined))).toMatchObject({ ok: true });
    const completed = answerEvent({ partnerId: 'p1', referral: referralEvent, answer: { kind: 'complete' }, answeredBy: 'j.jansen', now });
    expect(completed.type).toBe('nl.veiligthuis.partner.ReferralCompleted.v1');
    expect(validator.parse(JSON.stringify(completed))).toMatchObject({ ok: true });
  });
});

describe('vt partner consume: refusals in words a partner can act on', () => {
  const options = { partnerId: 'p1', referralsTopic: 'vt.partner.p1.referrals.v1', responsesTopic: 'vt.partner.p1.responses.v1', groupId: 'partner-p1', brokers: ['b:1'], sasl: { mechanism: 'scram-sha-512' as const, username: 'partner-p1', password: 'x' } };

  it('names the partner and the topic the broker refused', () => {
    const refused = Object.assign(new Error('Not authorized to access topics: [Topic authorization failed]'), { type: 'TOPIC_AUTHORIZATION_FAILED' });
    expect(explainKafkaError(refused, options)).toBe('the broker refused partner p1 access to vt.partner.p1.referrals.v1: check the credentials');
    expect(explainKafkaError({ name: 'KafkaJSNumberOfRetriesExceeded', cause: refused }, options, options.responsesTopic)).toBe('the broker refused partner p1 access to vt.partner.p1.responses.v1: check the credentials');
    expect(explainKafkaError(Object.assign(new Error('SASL SCRAM SHA512 authentication failed'), { name: 'KafkaJSSASLAuthenticationError' }), options)).toBe('the broker did not accept the credentials of partner-p1: check the user name and password');
    expect(explainKafkaError(Object.assign(new Error('x'), { type: 'GROUP_AUTHORIZATION_FAILED' }), options)).toContain('the consumer group partner-p1');
  });
});
