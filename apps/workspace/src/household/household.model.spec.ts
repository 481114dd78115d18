import { clockRows, householdIdFrom, householdIdInHash, mergeTimelines, personRows, phasePath, readOf, referralRows, safetySummary, TimelinePartApi, timelineRows } from './household.model';

const ID = '3f2b8c1e-9a4d-4e7f-8b21-0c5d6e7f8a9b';
const person = (immediateSafety: 'confirmed' | 'unconfirmed', extra: Record<string, unknown> = {}) => ({ personId: ID, role: 'victim', immediateSafety, ...extra });

describe('phase path', () => {
  // Rule (DOMAIN.md "The phased vision"): first directe veiligheid, then duurzame veiligheid, then herstel.
  it('walks directe veiligheid → duurzame veiligheid → herstel and marks the household’s phase as current, the earlier ones done', () => {
    expect(phasePath('duurzame-veiligheid').map((s) => `${s.label}:${s.state}`)).toEqual(['Directe veiligheid:done', 'Duurzame veiligheid:current', 'Herstel:next']);
    expect(phasePath('directe-veiligheid').map((s) => s.state)).toEqual(['current', 'next', 'next']);
  });

  // Rule (DOMAIN.md): a new acute incident sends the household back to directe veiligheid; the path shows where it is now, not where it was.
  it('shows a household sent back to directe veiligheid at the start again; a closed household has the whole path behind it', () => {
    expect(phasePath('directe-veiligheid')[0]?.state).toBe('current');
    expect(phasePath('gesloten').map((s) => s.state)).toEqual(['done', 'done', 'done']);
    expect(phasePath('onbekend').map((s) => s.state)).toEqual(['next', 'next', 'next']);
  });
});

describe('persons and their immediate safety', () => {
  // Rule (DOMAIN.md): directe veiligheid must be realised for everyone involved, per person, before duurzame veiligheid.
  it('says per person whether immediate safety is confirmed, and how many still need it', () => {
    const rows = personRows([person('confirmed', { confirmedAt: '2026-03-02T10:00:00Z', confirmedBy: 'user:triage-1', minor: false }), person('unconfirmed', { role: 'child-involved', minor: true })]);
    expect(rows.map((r) => [r.role, r.minor, r.safety])).toEqual([
      ['Slachtoffer', 'nee', 'Bevestigd op 2-3-2026 11:00 door user:triage-1'],
      ['Betrokken kind', 'ja', 'Nog niet bevestigd'],
    ]);
    expect(safetySummary('directe-veiligheid', [person('confirmed'), person('unconfirmed')])).toBe('Directe veiligheid is nog niet bevestigd voor 1 van de 2 betrokkenen.');
    expect(safetySummary('directe-veiligheid', [person('confirmed')])).toBe('Directe veiligheid is voor iedereen bevestigd: het huishouden kan naar duurzame veiligheid.');
  });
});

describe('statutory clocks', () => {
  // Rule (DOMAIN.md "The process after a melding", 3 and 7; WCAG 1.4.1): deadlines met or breached are visible,
  // and a breached or approaching clock is said in words, not by colour alone.
  it('puts breached and approaching clocks first and names their state in text', () => {
    const rows = clockRows([
      { timerId: 'a', clock: 'informeren-betrokkenen', personId: ID, role: 'victim', dueAt: '2026-04-01T10:00:00Z', state: 'running' },
      { timerId: 'b', clock: 'veiligheidsbeoordeling', dueAt: '2026-03-09T23:00:00Z', state: 'approaching' },
      { timerId: 'c', clock: 'onderzoek', dueAt: '2026-01-09T23:00:00Z', state: 'met' },
      { timerId: 'd', clock: 'informeren-betrokkenen', personId: ID, role: 'child-involved', dueAt: '2026-03-01T10:00:00Z', state: 'breached', extensions: 1 },
    ]);
    expect(rows.map((r) => [r.timerId, r.state])).toEqual([
      ['d', 'Termijn overschreden (1× verlengd)'],
      ['b', 'Let op: termijn nadert'],
      ['a', 'Loopt'],
      ['c', 'Op tijd afgerond'],
    ]);
    expect(rows[0]?.person).toBe('Betrokken kind 3f2b8c1e');
    expect(rows[1]).toMatchObject({ clock: 'Veiligheidsbeoordeling (5 dagen)', person: 'Hele melding', urgency: 'approaching' });
  });
});

describe('referrals and partner answers', () => {
  // Rule (DOMAIN.md step 3: overdracht to a partner): the view says what the partner answered, or that no answer is known.
  it('names the partner and the answer in Dutch', () => {
    expect(referralRows([{ referralId: 'r', partnerId: 'lokaal-team-gm0363', partnerType: 'lokaal-team', purpose: 'overdracht', issuedAt: '2026-03-02T10:00:00Z', answer: 'declined', answeredAt: '2026-03-03T10:00:00Z' }])).toEqual([
      { referralId: 'r', partner: 'lokaal-team-gm0363 (lokaal-team)', purpose: 'overdracht', issuedAt: '2-3-2026 11:00', answer: 'Geweigerd (3-3-2026 11:00)' },
    ]);
  });
});

describe('timeline', () => {
  // Rule (DOMAIN.md "Auditors replay the event log: who decided what, when, on what grounds"; ADR 0020): each entry
  // keeps its time, what and who; sealed free text stays unreadable in the timeline.
  it('labels the replay’s entries in Dutch, keeps the replay’s own text, and says that sealed text is encrypted', () => {
    const [opened, confirmed] = timelineRows([
      { time: '2026-03-02T10:00:00Z', name: 'HouseholdRecordOpened', summary: 'Household record opened in directe-veiligheid', actor: 'system:safety-investigation', details: [['persons', 'victim 3f2b']], phaseChange: { to: 'directe-veiligheid' } },
      { time: '2026-03-02T11:00:00Z', name: 'ImmediateSafetyConfirmed', summary: 'Immediate safety confirmed', reasoning: '[encrypted]' },
    ]);
    expect(opened).toMatchObject({ what: 'Huishoudendossier geopend', replay: 'Household record opened in directe-veiligheid', details: ['Fase: Directe veiligheid', 'persons: victim 3f2b'] });
    expect(confirmed?.details).toEqual(['Waarom: versleuteld (vrije tekst, alleen in het dossier zelf leesbaar)']);
  });
});

describe('timeline over all services (docs/adr/0039)', () => {
  const part = (service: string, entries: TimelinePartApi['timeline']['entries']): { kind: 'ok'; body: TimelinePartApi } => ({ kind: 'ok', body: { scope: service, timeline: { entries }, text: `${service} text` } });
  const received = { time: '2026-03-02T09:00:00Z', name: 'MeldingReceived', summary: 'Melding received', topic: 'vt.intake.meldingen.v1', offset: '7' };
  const opened = { time: '2026-03-02T09:00:01Z', name: 'HouseholdRecordOpened', summary: 'Household record opened', topic: 'vt.household.phases.v1', offset: '1' };
  const assessed = { time: '2026-03-02T12:00:00Z', name: 'SafetyAssessmentCompleted', summary: 'Assessment completed', topic: 'vt.triage.assessments.v1', offset: '4' };
  const readBySi = { time: '2026-03-02T13:00:00Z', name: 'CaseDataAccessed', summary: 'read', topic: 'vt.audit.access.v1', offset: '9' };
  const readByIntake = { time: '2026-03-02T13:00:00Z', name: 'CaseDataAccessed', summary: 'read', topic: 'vt.audit.access.v1', offset: '2' };
  const accepted = { time: '2026-03-02T15:00:00Z', name: 'ReferralAccepted', summary: 'Referral accepted', topic: 'vt.referral.referrals.v1', offset: '3' };
  const placeRequested = { time: '2026-03-02T14:00:00Z', name: 'ShelterPlacementRequested', summary: 'Shelter place requested by VR01', topic: 'vt.shelter.placements.v1', offset: '5' };
  const readByShelter = { time: '2026-03-02T13:00:00Z', name: 'CaseDataAccessed', summary: 'read', topic: 'vt.audit.access.v1', offset: '6' };

  // Rule (issue 12 point 6; DOMAIN.md "Auditors replay the event log"): the view shows one history, oldest first, as the replay orders it,
  // and every entry says which service recorded it.
  it('merges the five parts by event time and names the service of each entry', () => {
    const merged = mergeTimelines([
      { service: 'shelter-placement', read: part('shelter-placement', [readByShelter, placeRequested]) },
      { service: 'safety-investigation', read: part('safety-investigation', [opened, readBySi]) },
      { service: 'referral', read: part('referral', [accepted]) },
      { service: 'crisis-triage', read: part('crisis-triage', [assessed]) },
      { service: 'intake', read: part('intake', [received, readByIntake]) },
    ]);
    expect(merged.entries.map((e) => `${e.service}:${e.name}`)).toEqual([
      'intake:MeldingReceived',
      'safety-investigation:HouseholdRecordOpened',
      'crisis-triage:SafetyAssessmentCompleted',
      // The same time on the same topic: the services' order, since Kafka's offsets are unknown to the view.
      'intake:CaseDataAccessed',
      'safety-investigation:CaseDataAccessed',
      // Shelter placement comes after referral in the services' order.
      'shelter-placement:CaseDataAccessed',
      'shelter-placement:ShelterPlacementRequested',
      'referral:ReferralAccepted',
    ]);
    expect(merged.missing).toEqual([]);
    expect(merged.texts.map((t) => t.service)).toEqual(['shelter-placement', 'safety-investigation', 'referral', 'crisis-triage', 'intake']);
    expect(timelineRows(merged.entries).map((r) => [r.service, r.what])[0]).toEqual(['Intake', 'Melding ontvangen en geregistreerd']);
    expect(timelineRows(merged.entries)[6]).toMatchObject({ service: 'Opvang', what: 'Opvangplek aangevraagd' });
    expect(timelineRows(merged.entries)[7]?.what).toBe('Verwijzing geaccepteerd door partner');
  });

  // Rule (issue 12: the services decide who reads what): a part that is refused or fails is a sentence for that part; the rest shows.
  it('names each part that could not be read with its sentence and shows the others', () => {
    const denied = readOf<TimelinePartApi>({ kind: 'answered', status: 403, body: { status: 403, error: 'forbidden' } }, 'Tijdlijn van verwijzing');
    const absent = readOf<TimelinePartApi>({ kind: 'answered', status: 404, body: { status: 404, error: 'household-not-found' } }, 'Tijdlijn van crisisdienst en triage');
    // A household without a shelter placement: shelter placement's 404 is a sentence like any other service's.
    const noPlacement = readOf<TimelinePartApi>({ kind: 'answered', status: 404, body: { status: 404, error: 'household-not-found' } }, 'Tijdlijn van opvang');
    const broken = readOf<TimelinePartApi>({ kind: 'answered', status: 503, body: { status: 503, error: 'database-unavailable' } }, 'Tijdlijn van intake');
    const merged = mergeTimelines([
      { service: 'intake', read: broken },
      { service: 'crisis-triage', read: absent },
      { service: 'safety-investigation', read: part('safety-investigation', [opened]) },
      { service: 'referral', read: denied },
      { service: 'shelter-placement', read: noPlacement },
    ]);
    expect(merged.entries.map((e) => e.name)).toEqual(['HouseholdRecordOpened']);
    expect(merged.missing.map((m) => [m.service, m.read.kind])).toEqual([
      ['intake', 'failed'],
      ['crisis-triage', 'failed'],
      ['referral', 'denied'],
      ['shelter-placement', 'failed'],
    ]);
    expect(merged.missing.map((m) => m.read.message)).toEqual([
      'Tijdlijn van intake kon niet worden opgehaald (503).',
      'Tijdlijn van crisisdienst en triage: niet gevonden.',
      'Tijdlijn van verwijzing: geen toegang. Uw rol of regio geeft geen inzage in deze gegevens; de dienst weigerde de inzage.',
      'Tijdlijn van opvang: niet gevonden.',
    ]);
  });
});

describe('reading', () => {
  // Rule (issue 12: a 401/403 is a clear Dutch message, never a blank page; the API decides who may read what).
  it('turns a 403 into a sentence about access, a 401 into “sign in again”, and a body into the section’s data', () => {
    expect(readOf({ kind: 'answered', status: 403, body: { error: 'forbidden', message: 'requires one of the roles investigator, auditor' } }, 'Onderzoek')).toEqual({
      kind: 'denied',
      message: 'Onderzoek: geen toegang. Uw rol of regio geeft geen inzage in deze gegevens; de dienst weigerde de inzage.',
    });
    expect(readOf({ kind: 'answered', status: 401, body: {} }, 'Tijdlijn')).toMatchObject({ kind: 'denied', message: expect.stringContaining('Meld u opnieuw aan') });
    expect(readOf({ kind: 'answered', status: 200, body: { a: 1 } }, 'x')).toEqual({ kind: 'ok', body: { a: 1 } });
    expect(readOf({ kind: 'network-error', message: 'x' }, 'Termijnen')).toMatchObject({ kind: 'failed' });
  });

  it('takes a household id typed, pasted with spaces or as a link, and refuses anything else in Dutch', () => {
    expect(householdIdFrom(`  ${ID.toUpperCase()} `)).toEqual({ id: ID });
    expect(householdIdFrom(`http://werkplek/#/household/${ID}`)).toEqual({ id: ID });
    expect(householdIdFrom('12345')).toEqual({ error: expect.stringContaining('8-4-4-4-12') });
    expect(householdIdInHash(`#/household/${ID}`)).toBe(ID);
    expect(householdIdInHash('#/household')).toBeUndefined();
  });
});
