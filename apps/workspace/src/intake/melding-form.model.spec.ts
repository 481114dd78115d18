import { emptyDraft, LATE_REGISTRATION_LABELS, lateRegistrationShown, localDateTime, toRequestBody } from './melding-form.model';

describe('the melding form → POST /api/v1/meldingen body', () => {
  const gemeenteCodeOf = (text: string) => (text === 'Amsterdam' ? 'GM0363' : undefined);

  it('sends what was filled in, leaves empty optional fields out, and receivedAt as an ISO instant', () => {
    const draft = emptyDraft(new Date(2025, 10, 28, 10, 5));
    draft.melder = { ...draft.melder, sector: 'politie-justitie', name: ' Agent Test ', phone: '0201234567' };
    draft.household = { gemeente: 'Amsterdam', postcode: '1011ab', houseNumber: '', island: '' };
    draft.persons = [{ role: 'victim', name: 'Test Persoon', birthDate: '', estimatedAge: '9', bsn: '9999 93 653' }];
    draft.concerns = { aard: ['ex-partnergeweld'], tags: [], account: 'Buren hoorden geschreeuw.' };
    draft.acute = { indicated: true, signals: ['physical-violence'], ground: '' };
    expect(toRequestBody(draft, gemeenteCodeOf)).toEqual({
      receivedAt: new Date(2025, 10, 28, 10, 5).toISOString(),
      channel: 'telefoon',
      melder: { kind: 'professional', sector: 'politie-justitie', role: 'melder', name: 'Agent Test', phone: '0201234567', identitySealed: false },
      household: { gemeenteCode: 'GM0363', postcode: '1011ab' },
      persons: [{ role: 'victim', name: 'Test Persoon', estimatedAge: 9, bsn: '999993653' }],
      concerns: { aard: ['ex-partnergeweld'], account: 'Buren hoorden geschreeuw.' },
      acuteIndication: { indicated: true, signals: ['physical-violence'] },
    });
  });

  it('sends an unresolved gemeente as typed (intake answers with suggestions), a sealed identity with its reason, and the radar decision', () => {
    const draft = emptyDraft();
    draft.melder = { ...draft.melder, kind: 'niet-professional', sector: 'onderwijs', identitySealed: true, sealReason: 'overig', sealExplanation: 'Buurman' };
    draft.household.gemeente = 'Amsterdm';
    draft.radarJoin = '6f1c1f7e-7c53-4a55-9d8e-1f2a3b4c5d6e';
    const body = toRequestBody(draft, gemeenteCodeOf);
    expect(body['household']).toEqual({ gemeenteCode: 'Amsterdm' });
    expect(body['melder']).toMatchObject({ kind: 'niet-professional', identitySealed: true, sealReason: 'overig', sealExplanation: 'Buurman' });
    expect(body['melder']).not.toHaveProperty('sector');
    expect(body['radar']).toEqual({ join: '6f1c1f7e-7c53-4a55-9d8e-1f2a3b4c5d6e' });
    expect(body['acuteIndication']).toEqual({ indicated: false });
  });

  // DOMAIN.md "Regions": Caribisch Nederland has no gemeentecode and no postcodes; the household goes to its island desk.
  it('sends an island household as { island } alone: no gemeente, postcode or house number, even when some were typed before the island was chosen', () => {
    const draft = emptyDraft();
    draft.household = { gemeente: 'Amsterdam', postcode: '1011 AB', houseNumber: '1', island: 'bonaire' };
    expect(toRequestBody(draft, gemeenteCodeOf)['household']).toEqual({ island: 'bonaire' });
  });

  it('sends an empty household as an empty gemeente, so that intake names the field (a melding needs a household: gemeente or island)', () => {
    expect(toRequestBody(emptyDraft(), gemeenteCodeOf)['household']).toEqual({ gemeenteCode: '' });
  });
});

// DOMAIN.md "Deadlines to encode": the veiligheidsbeoordeling runs 5 working days from *receipt*, so intake asks why a
// melding is registered long after it was received (its RECEIPT_REASON_AFTER, default PT24H) and refuses a reason on one
// that is not late. The form offers the field by the default, and always once intake asked for it.
describe('the late-registration reason', () => {
  const now = new Date(2025, 10, 28, 12, 0);

  it('is offered when receivedAt lies more than 24 hours back, not at 24 hours or less, and not for an unreadable time', () => {
    expect(lateRegistrationShown(localDateTime(new Date(2025, 10, 27, 11, 59)), now, false)).toBe(true);
    expect(lateRegistrationShown(localDateTime(new Date(2025, 10, 27, 12, 0)), now, false)).toBe(false);
    expect(lateRegistrationShown(localDateTime(now), now, false)).toBe(false);
    expect(lateRegistrationShown('', now, false)).toBe(false);
  });

  it('is shown whenever intake asked for it, whatever the browser’s clock says (intake’s setting decides)', () => {
    expect(lateRegistrationShown(localDateTime(now), now, true)).toBe(true);
  });

  it('is sent only while shown and chosen: a reason left over from an earlier receivedAt is not sent (intake refuses it on a melding that is not late)', () => {
    const draft = emptyDraft(now);
    draft.lateReason = 'schriftelijk-ontvangen';
    expect(toRequestBody(draft, () => undefined, { lateShown: true })['lateRegistration']).toEqual({ reason: 'schriftelijk-ontvangen' });
    expect(toRequestBody(draft, () => undefined, { lateShown: false })).not.toHaveProperty('lateRegistration');
    draft.lateReason = '';
    expect(toRequestBody(draft, () => undefined, { lateShown: true })).not.toHaveProperty('lateRegistration');
  });

  it('offers the codes and Dutch labels of intake’s code list late-registration-reasons/1, no more and no fewer', async () => {
    const { LATE_REGISTRATION_REASONS_V1 } = await import('@vt/intake-domain');
    expect(Object.entries(LATE_REGISTRATION_LABELS)).toEqual(LATE_REGISTRATION_REASONS_V1.entries.map((e) => [e.code, e.label]));
  });
});
