import { signalPseudonym } from '@vt/contracts';
import { parseSharedKey, parseSignalsArgs, renderMatch, SignalsOptions } from './signals';

// `vt signals` (docs/adr/0038): what an organisation runs. The rules checked: the BSN never leaves the machine (only its
// keyed pseudonym is an option value, and no problem message repeats it); the key is the organisations' own, at least
// 32 bytes; every mistake is named at once; matches are read from the organisation's own topic, in a group named for it.

const KEY_HEX = 'a1'.repeat(32);
const files: Record<string, string> = { '/keys/shared.hex': KEY_HEX, '/keys/short.hex': 'a1'.repeat(16), '/keys/shared.b64': Buffer.from(KEY_HEX, 'hex').toString('base64') };
const readFile = (path: string): string => {
  const text = files[path];
  if (text === undefined) throw new Error('ENOENT: no such file');
  return text;
};
const http = { VT_SIGNAL_MATCHING_URL: 'http://127.0.0.1:3005', VT_PARTNER_TOKEN: 'token' };
const register = ['register', '--organisation', 'ggz-groningen', '--bsn', '999993653', '--region', 'vt-groningen', '--birth-month', '2010-05', '--key-file', '/keys/shared.hex'];

function parse(args: string[], env: Record<string, string> = http): SignalsOptions {
  const options = parseSignalsArgs(args, env, readFile);
  if (options === 'help') throw new Error('unexpected help');
  return options;
}

function problems(args: string[], env: Record<string, string> = http): string {
  try {
    parseSignalsArgs(args, env, readFile);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('vt signals: options', () => {
  it('register turns the BSN into the pseudonym of the shared key, and only the pseudonym is in the options', () => {
    const options = parse(register);
    expect(options).toEqual({
      action: 'register',
      organisationId: 'ggz-groningen',
      json: false,
      http: { serviceUrl: 'http://127.0.0.1:3005', token: 'token' },
      pseudonym: signalPseudonym('999993653', Buffer.from(KEY_HEX, 'hex')),
      region: 'vt-groningen',
      birthMonth: '2010-05',
    });
    expect(JSON.stringify(options)).not.toContain('999993653');
  });

  it('reads the key as hex or base64 text, and refuses a key shorter than 32 bytes', () => {
    expect(parseSharedKey(files['/keys/shared.b64'] as string)).toEqual(Buffer.from(KEY_HEX, 'hex'));
    expect(parse([...register.slice(0, -1), '/keys/shared.b64'])).toMatchObject({ pseudonym: signalPseudonym('999993653', Buffer.from(KEY_HEX, 'hex')) });
    expect(problems([...register.slice(0, -1), '/keys/short.hex'])).toContain('the shared key must be at least 32 bytes (the file holds 16)');
  });

  it('names every mistake at once and never repeats the BSN', () => {
    const message = problems(['register', '--organisation', 'GGZ', '--bsn', '999993654', '--region', 'VR01', '--birth-month', '2010-13', '--key-file', '/keys/none'], {});
    expect(message.split('\n')).toEqual([
      '--organisation "GGZ" must be lower-case letters, digits and single hyphens',
      '--service is missing (or VT_SIGNAL_MATCHING_URL): the address of the signal-matching service',
      '--token is missing (or VT_PARTNER_TOKEN): a bearer token of role partner for this organisation',
      '--region "VR01" is not a VT region code (vt-…)',
      '--birth-month "2010-13" must be YYYY-MM',
      '--key-file /keys/none: ENOENT: no such file',
    ]);
    const elfproef = problems([...register.slice(0, 4), '999993654', ...register.slice(5)]);
    expect(elfproef).toBe('--bsn does not pass the elfproef');
    expect(elfproef).not.toContain('999993654');
  });

  it('keeps each option to its action, and refuses a service that is not https (but for localhost)', () => {
    expect(problems(['withdraw', '--organisation', 'ggz-groningen', '--signal', 'nope', '--once', '--bsn', '999993653']).split('\n')).toEqual([
      '--bsn goes with register',
      '--once goes with matches',
      '--signal "nope" is not a signal id (a UUID)',
    ]);
    expect(problems(['withdraw', '--organisation', 'ggz-groningen', '--signal', '5b0d6a3e-3f0c-4f57-9a0e-2f9d1c3b7a10'], { ...http, VT_SIGNAL_MATCHING_URL: 'http://vt.example' })).toBe(
      '--service "http://vt.example" must be an https:// address (http:// only on localhost)',
    );
  });

  it("matches reads the organisation's own topic as partner-<id>, in a group named for it (--all: one that never commits)", () => {
    const env = { KAFKA_BROKERS: '127.0.0.1:9092', VT_PARTNER_PASSWORD: 's3cret', TOPIC_PREFIX: 't1.' };
    expect(parse(['matches', '--organisation', 'ggz-groningen', '--once'], env)).toEqual({
      action: 'matches',
      organisationId: 'ggz-groningen',
      json: false,
      connection: { partnerId: 'ggz-groningen', brokers: ['127.0.0.1:9092'], sasl: { mechanism: 'scram-sha-512', username: 'partner-ggz-groningen', password: 's3cret' }, ssl: false, topicPrefix: 't1.' },
      topic: 't1.vt.signals.ggz-groningen.matches.v1',
      groupId: 't1.partner-ggz-groningen.matches',
      once: true,
      all: false,
    });
    expect(parse(['matches', '--organisation', 'ggz-groningen', '--all'], env)).toMatchObject({ groupId: 't1.partner-ggz-groningen.matches.lookup', all: true });
    expect(problems(['matches', '--organisation', 'ggz-groningen', '--token', 'x'], env)).toBe('--service and --token go with register and withdraw');
  });

  it('says whom to contact and which signal to quote, nothing more', () => {
    const text = renderMatch({
      matchId: 'm-1',
      matchedAt: '2026-12-07T10:00:00.000Z',
      region: 'vt-groningen',
      signalId: 's-own',
      otherSignalId: 's-other',
      contact: { organisationId: 'lokaal-team-gm0014', name: 'Lokaal team Groningen', phone: '050 000 0003' },
    });
    expect(text).toBe(
      [
        'match m-1 (2026-12-07T10:00:00.000Z, vt-groningen)',
        '  your signal:   s-own',
        '  contact:       Lokaal team Groningen (lokaal-team-gm0014): 050 000 0003',
        '  their signal:  s-other (quote it when you call)',
        '',
      ].join('\n'),
    );
  });
});
