import { SHELTER_PLACE_REQUEST_WITHDRAWN, SHELTER_PLACE_REQUESTED } from '@vt/contracts';
import { parseShelterArgs, renderOffer, ShelterOptions } from './shelter';

// `vt shelter` (docs/adr/0040): what a shelter runs. The rules checked: each action maps to the one HTTP call of the
// shelter-placement API with the body its DTO names; a decline needs a reason code, a stay report says exactly one of
// start, move and end; times carry a zone; offers are read from the shelter's own topic in a group named for it; every
// mistake is named at once; what the shelter reads names no household.

const PLACEMENT = '5b0d6a3e-3f0c-4f57-9a0e-2f9d1c3b7a10';
const http = { VT_SHELTER_PLACEMENT_URL: 'http://127.0.0.1:3006', VT_PARTNER_TOKEN: 'token' };
const NOW = new Date('2026-12-07T10:00:00.000Z');

function parse(args: string[], env: Record<string, string> = http): ShelterOptions {
  const options = parseShelterArgs([...args, '--shelter', 'vrouwenopvang-drenthe'], env, () => NOW, () => {
    throw new Error('ENOENT');
  });
  if (options === 'help') throw new Error('unexpected help');
  return options;
}

function problems(args: string[], env: Record<string, string> = http): string[] {
  try {
    parse(args, env);
  } catch (error) {
    return (error as Error).message.split('\n');
  }
  throw new Error('expected a usage error');
}

describe('vt shelter: options', () => {
  it('capacity, answer and stay are the calls of the shelter-placement API, with the bodies its DTOs name', () => {
    expect(parse(['capacity', '--total', '12', '--free', '4'])).toMatchObject({ action: 'capacity', call: { method: 'PUT', path: '/api/v1/shelters/vrouwenopvang-drenthe/capacity', body: { totalPlaces: 12, freePlaces: 4 } } });
    expect(parse(['answer', '--placement', PLACEMENT, '--accept'])).toMatchObject({ call: { method: 'POST', path: `/api/v1/shelter-placements/${PLACEMENT}/answer`, body: { accepted: true } } });
    expect(parse(['answer', '--placement', PLACEMENT, '--decline', '--reason', 'no-place'])).toMatchObject({ call: { body: { accepted: false, reason: 'no-place' } } });
    expect(parse(['stay', '--placement', PLACEMENT, '--start'])).toMatchObject({ call: { path: `/api/v1/shelter-placements/${PLACEMENT}/stay-start`, body: { startedAt: NOW.toISOString() } } });
    expect(parse(['stay', '--placement', PLACEMENT, '--move-to', 'vrouwenopvang-twente', '--programme', 'tweede-fase-opvang', '--at', '2026-12-06T09:00:00+01:00'])).toMatchObject({
      call: { path: `/api/v1/shelter-placements/${PLACEMENT}/stay-move`, body: { toShelterId: 'vrouwenopvang-twente', programme: 'tweede-fase-opvang', movedAt: '2026-12-06T09:00:00+01:00' } },
    });
    expect(parse(['stay', '--placement', PLACEMENT, '--end', '--destination', 'nieuwe-woning'])).toMatchObject({ call: { path: `/api/v1/shelter-placements/${PLACEMENT}/stay-end`, body: { destination: 'nieuwe-woning', endedAt: NOW.toISOString() } } });
  });

  it('names every mistake at once', () => {
    expect(problems(['answer', '--placement', 'p-1', '--decline', '--total', '3'], {})).toEqual([
      '--total goes with capacity',
      '--service is missing (or VT_SHELTER_PLACEMENT_URL): the address of the shelter-placement service',
      '--token is missing (or VT_PARTNER_TOKEN): a bearer token of role partner for this shelter',
      '--placement "p-1" is not a placement id (a UUID)',
      '--decline needs --reason: one of no-place, safety-risk, needs-not-met, other',
    ]);
    expect(problems(['capacity', '--total', '3', '--free', '5'])).toEqual(['--free (5) cannot be more than --total (3)']);
    expect(problems(['stay', '--placement', PLACEMENT, '--start', '--end', '--destination', 'thuis', '--at', '2026-12-06T09:00'])).toEqual([
      'say what happened: one of --start, --move-to <shelterId>, --end',
      '--end needs --destination: one of eigen-woning, nieuwe-woning, andere-opvang, onbekend',
      '--at must be an ISO 8601 time with a time zone (got "2026-12-06T09:00")',
    ]);
  });

  it("offers reads the shelter's own topic as partner-<id>, in a group named for it", () => {
    expect(parse(['offers', '--once'], { KAFKA_BROKERS: '127.0.0.1:9092', VT_PARTNER_PASSWORD: 's3cret' })).toEqual({
      action: 'offers',
      shelterId: 'vrouwenopvang-drenthe',
      json: false,
      connection: { partnerId: 'vrouwenopvang-drenthe', brokers: ['127.0.0.1:9092'], sasl: { mechanism: 'scram-sha-512', username: 'partner-vrouwenopvang-drenthe', password: 's3cret' }, ssl: false, topicPrefix: '' },
      topic: 'vt.shelter.vrouwenopvang-drenthe.offers.v1',
      groupId: 'partner-vrouwenopvang-drenthe.offers',
      once: true,
      all: false,
    });
  });

  it('shows a request with whom to call back and how to answer, and a withdrawal with its reason', () => {
    const text = renderOffer(SHELTER_PLACE_REQUESTED, {
      placementId: PLACEMENT,
      shelterId: 'vrouwenopvang-drenthe',
      urgency: 'acuut',
      places: { adults: 1, children: 2 },
      offeredAt: '2026-12-07T10:00:00.000Z',
      answerDueAt: '2026-12-07T11:00:00.000Z',
      requestingRegion: 'vt-groningen',
      contact: { name: 'Crisisdienst Veilig Thuis Groningen', phone: '050 000 0000' },
    });
    expect(text).toContain(`request ${PLACEMENT}: acuut, 1 adult(s) and 2 child(ren)`);
    expect(text).toContain('call back:   Crisisdienst Veilig Thuis Groningen, 050 000 0000 (vt-groningen)');
    expect(renderOffer(SHELTER_PLACE_REQUEST_WITHDRAWN, { placementId: PLACEMENT, reason: 'lapsed', withdrawnAt: '2026-12-07T11:00:00.000Z' })).toBe(
      `request ${PLACEMENT} withdrawn (2026-12-07T11:00:00.000Z): it was not answered in time\n\n`,
    );
  });
});
