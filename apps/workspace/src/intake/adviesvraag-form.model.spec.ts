import { ADVIESVRAAG_CHANNEL_LABELS, emptyAdviesvraag, meldingDraftFromAdviesvraag, sourceOfDraft, sourceOfView, toAdviesvraagBody } from './adviesvraag-form.model';
import { localDateTime } from './melding-form.model';

const gemeenteCodeOf = (text: string) => (text === 'Amsterdam' ? 'GM0363' : undefined);

// DOMAIN.md "Who uses it": an adviesvraag — someone asks advice and stays responsible; a melding needs an identified
// melder with contact details. So an adviesvraag asks for no name, contact, household or persons.
describe('the adviesvraag form → POST /api/v1/adviesvragen body', () => {
  it('sends only what an adviesvraag needs when nothing else was filled in: channel, the adviesvrager’s kind and role, the aard and the question', () => {
    const draft = emptyAdviesvraag(new Date(2025, 10, 28, 10, 5));
    draft.adviesvrager.kind = 'niet-professional';
    draft.adviesvrager.sector = 'onderwijs'; // chosen while professional, then the kind changed
    draft.concerns = { aard: ['kindermishandeling'], tags: [], question: ' Wat kan ik doen als mijn buurjongen blauwe plekken heeft? ' };
    expect(toAdviesvraagBody(draft, gemeenteCodeOf)).toEqual({
      receivedAt: new Date(2025, 10, 28, 10, 5).toISOString(),
      channel: 'telefoon',
      adviesvrager: { kind: 'niet-professional', role: 'melder' },
      concerns: { aard: ['kindermishandeling'], question: 'Wat kan ik doen als mijn buurjongen blauwe plekken heeft?' },
    });
  });

  it('sends the household, persons (no BSN), tags and advice when given', () => {
    const draft = emptyAdviesvraag();
    draft.channel = 'chat';
    draft.adviesvrager = { ...draft.adviesvrager, sector: 'onderwijs', name: 'Juf Test', email: 'juf@example.org' };
    draft.household = { gemeente: 'Amsterdam', postcode: '', houseNumber: '', island: '' };
    draft.persons = [{ role: 'child-involved', name: '', birthDate: '', estimatedAge: '8' }];
    draft.concerns = { aard: ['kindermishandeling'], tags: ['psychisch-geweld'], question: 'Vraag' };
    draft.advice = 'Gesprek met ouders; bel terug.';
    expect(toAdviesvraagBody(draft, gemeenteCodeOf)).toMatchObject({
      channel: 'chat',
      adviesvrager: { kind: 'professional', sector: 'onderwijs', role: 'melder', name: 'Juf Test', email: 'juf@example.org' },
      household: { gemeenteCode: 'GM0363' },
      persons: [{ role: 'child-involved', estimatedAge: 8 }],
      concerns: { aard: ['kindermishandeling'], tags: ['psychisch-geweld'], question: 'Vraag' },
      advice: 'Gesprek met ouders; bel terug.',
    });
  });

  // DOMAIN.md "Regions": Caribisch Nederland has no gemeentecode and no postcodes.
  it('sends an island household as { island } alone', () => {
    const draft = emptyAdviesvraag();
    draft.household = { gemeente: '', postcode: '', houseNumber: '', island: 'saba' };
    expect(toAdviesvraagBody(draft, gemeenteCodeOf)['household']).toEqual({ island: 'saba' });
  });

  // DOMAIN.md "Who uses it" + channels/1: chat is for advice only, so the adviesvraag form offers every channel.
  it('offers every channel of channels/1, chat included', async () => {
    const { CHANNEL_CODES } = await import('@vt/intake-domain');
    expect(Object.keys(ADVIESVRAAG_CHANNEL_LABELS).sort()).toEqual([...CHANNEL_CODES].sort());
  });
});

// DOMAIN.md "Who uses it": with a melding responsibility passes to Veilig Thuis, and the melder must be identified and reachable.
describe('an adviesvraag becoming a melding: the melding form it starts from', () => {
  it('carries the adviesvrager as melder, the household, persons and aard over; the account is left to write and a chat becomes telefoon', () => {
    const draft = emptyAdviesvraag();
    draft.channel = 'chat';
    draft.adviesvrager = { ...draft.adviesvrager, sector: 'onderwijs', name: 'Juf Test', phone: '0201234567' };
    draft.household = { gemeente: 'Amsterdam', postcode: '1011 AB', houseNumber: '1', island: '' };
    draft.persons = [{ role: 'child-involved', name: 'Kind Test', birthDate: '2017-03-01', estimatedAge: '' }];
    draft.concerns = { aard: ['kindermishandeling'], tags: ['psychisch-geweld'], question: 'Vraag' };
    const melding = meldingDraftFromAdviesvraag(sourceOfDraft(draft, '2025-11-28T09:05:00.000Z'));
    expect(melding.channel).toBe('telefoon');
    expect(melding.melder).toMatchObject({ kind: 'professional', sector: 'onderwijs', role: 'melder', name: 'Juf Test', phone: '0201234567', identitySealed: false });
    expect(melding.household).toEqual(draft.household);
    expect(melding.persons).toEqual([{ role: 'child-involved', name: 'Kind Test', birthDate: '2017-03-01', estimatedAge: '', bsn: '' }]);
    expect(melding.concerns).toEqual({ aard: ['kindermishandeling'], tags: ['psychisch-geweld'], account: '' });
  });

  // Intake: a melding from an adviesvraag cannot have been received before it (422 received-before-adviesvraag).
  it('starts at the adviesvraag’s receipt, rounded up to the minute the form shows, never before it', () => {
    const exact = new Date(2025, 10, 28, 10, 5, 0);
    expect(meldingDraftFromAdviesvraag(sourceOfDraft(emptyAdviesvraag(), exact.toISOString())).receivedAt).toBe(localDateTime(exact));
    const withSeconds = new Date(2025, 10, 28, 10, 5, 31);
    expect(meldingDraftFromAdviesvraag(sourceOfDraft(emptyAdviesvraag(), withSeconds.toISOString())).receivedAt).toBe(localDateTime(new Date(2025, 10, 28, 10, 6)));
  });

  it('from intake’s view (no names: they stay in intake) takes the categories, the gemeente by name and one person per role; a melding needs at least one person', () => {
    const view = {
      adviesvraagId: 'a', householdId: 'h', receivedAt: '2025-11-28T09:05:00.000Z', registeredAt: '2025-11-28T09:06:00.000Z', channel: 'persoonlijk',
      region: { vtRegion: 'vt-amsterdam-amstelland', veiligheidsregio: 'VR13', gemeenteCode: 'GM0363' }, aard: ['onbekend'], tags: [], convertedMeldingId: null,
      adviesvrager: { kind: 'niet-professional', sector: null, role: 'informant' }, persons: [],
    };
    const melding = meldingDraftFromAdviesvraag(sourceOfView(view, (code) => (code === 'GM0363' ? 'Amsterdam' : undefined)));
    expect(melding.channel).toBe('persoonlijk');
    expect(melding.melder).toMatchObject({ kind: 'niet-professional', sector: '', role: 'informant', name: '' });
    expect(melding.household).toEqual({ gemeente: 'Amsterdam', postcode: '', houseNumber: '', island: '' });
    expect(melding.persons).toHaveLength(1);
    expect(melding.concerns.aard).toEqual(['onbekend']);
  });
});
