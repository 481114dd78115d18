import { emptyDraft, toRequestBody } from './melding-form.model';

describe('the melding form → POST /api/v1/meldingen body', () => {
  const gemeenteCodeOf = (text: string) => (text === 'Amsterdam' ? 'GM0363' : undefined);

  it('sends what was filled in, leaves empty optional fields out, and receivedAt as an ISO instant', () => {
    const draft = emptyDraft(new Date(2025, 10, 28, 10, 5));
    draft.melder = { ...draft.melder, sector: 'politie-justitie', name: ' Agent Test ', phone: '0201234567' };
    draft.household = { gemeente: 'Amsterdam', postcode: '1011ab', houseNumber: '' };
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
});
