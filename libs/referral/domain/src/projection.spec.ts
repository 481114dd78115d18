import { PARTNER_TYPES, partnerReferralIssuedV2Schema } from '@vt/contracts';
import { allowedProjectionFields, buildProjection, ReferralFacts } from './projection';

const facts = (over: Partial<ReferralFacts> = {}): ReferralFacts => ({
  referralId: '00000000-0000-4000-8000-000000000001',
  householdReference: '7d2f3c1a-9b4e-8c21-a0f3-5e6d7c8b9a01',
  partnerId: 'x',
  partnerType: 'lokaal-team',
  purpose: 'overdracht',
  issuedAt: '2026-11-29T10:00:00.000Z',
  gemeenteCode: 'GM0014',
  regionCode: 'vt-groningen',
  outcome: 'overdracht-lokaal-team',
  answerDueAt: '2026-12-03T00:00:00.000Z',
  persons: [
    { personId: '00000000-0000-4000-8000-000000000010', role: 'victim' },
    { personId: '00000000-0000-4000-8000-000000000011', role: 'suspected-perpetrator' },
    { personId: '00000000-0000-4000-8000-000000000012', role: 'child-involved' },
  ],
  safetyConditionCount: 1,
  ...over,
});

describe('partner projections', () => {
  it('gives every type only fields its row allows, and lists them in the disclosure', () => {
    for (const partnerType of PARTNER_TYPES) {
      const projection = buildProjection(facts({ partnerType, partnerId: `${partnerType}-groningen` }));
      const allowed = allowedProjectionFields(partnerType);
      for (const field of Object.keys(projection)) expect(allowed).toContain(field);
      for (const field of Object.keys(projection)) expect(Object.keys(partnerReferralIssuedV2Schema.properties)).toContain(field);
      expect(projection.disclosure.fields).toEqual(Object.keys(projection).filter((f) => f !== 'disclosure').sort());
      expect(projection.disclosure.legalBasis).toMatch(/^Wmo 2015 art\./);
      expect(projection.householdReference).toBe('7d2f3c1a-9b4e-8c21-a0f3-5e6d7c8b9a01');
    }
  });

  it('gives Slachtofferhulp only the victim and the reclassering only the suspected perpetrator, without the conditions for Slachtofferhulp', () => {
    const slachtofferhulp = buildProjection(facts({ partnerType: 'slachtofferhulp' }));
    expect(slachtofferhulp.persons).toEqual([{ personId: '00000000-0000-4000-8000-000000000010', role: 'victim' }]);
    expect(slachtofferhulp.safetyConditionCount).toBeUndefined();
    const reclassering = buildProjection(facts({ partnerType: 'reclassering' }));
    expect(reclassering.persons).toEqual([{ personId: '00000000-0000-4000-8000-000000000011', role: 'suspected-perpetrator' }]);
    expect(reclassering.safetyConditionCount).toBe(1);
  });

  it('never puts the conditions themselves on a partner topic, only how many there are (ADR 0020: no free text in the permanent log)', () => {
    for (const partnerType of PARTNER_TYPES) {
      const projection = buildProjection(facts({ partnerType, partnerId: `${partnerType}-groningen` }));
      expect('safetyConditions' in projection).toBe(false);
      expect(projection.disclosure.fields).not.toContain('safetyConditions');
    }
  });

  it('only tells an informed gemeente where and why, not who', () => {
    const informed = buildProjection(facts({ purpose: 'informeren', outcome: 'verzoek-rvdk' }));
    expect(informed.persons).toBeUndefined();
    expect(informed.safetyConditionCount).toBeUndefined();
    expect(informed).toMatchObject({ purpose: 'informeren', outcome: 'verzoek-rvdk', disclosure: { legalBasis: 'Wmo 2015 art. 4.1.1 lid 2 onder d' } });
  });

  it('given an island household, when any partner type gets its projection, then the disclosure cites the law of Caribisch Nederland as unconfirmed, never the Wmo 2015 (plan: Islands; config/legal-bases.json)', () => {
    for (const partnerType of PARTNER_TYPES) {
      const projection = buildProjection(facts({ partnerType, gemeenteCode: undefined, regionCode: 'vt-bq-bonaire', jurisdiction: 'bes' }));
      expect(projection.disclosure.legalBasis).not.toMatch(/Wmo/);
      expect(projection.disclosure.legalBasis).toMatch(/BES.* \[verify\]$/);
    }
    expect(buildProjection(facts({ partnerType: 'rvdk', purpose: 'verzoek-onderzoek', jurisdiction: 'bes' })).disclosure.legalBasis).toBe(
      'Boek 1 Burgerlijk Wetboek BES; Wet bescherming persoonsgegevens BES [verify]',
    );
    expect(buildProjection(facts({ purpose: 'informeren', jurisdiction: 'bes' })).disclosure.legalBasis).toBe(
      'Besluit maatschappelijke ondersteuning en bestrijding huiselijk geweld en kindermishandeling BES (Stb. 2024, 342); Wet bescherming persoonsgegevens BES [verify]',
    );
    // The European Netherlands, explicitly: as before.
    expect(buildProjection(facts({ jurisdiction: 'nl' })).disclosure.legalBasis).toBe('Wmo 2015 art. 5.2.6');
  });

  it('leaves out what is not known, e.g. the gemeente of an island household', () => {
    const island = buildProjection(facts({ gemeenteCode: undefined, regionCode: 'vt-bq-saba', persons: [] }));
    expect('gemeenteCode' in island).toBe(false);
    expect('persons' in island).toBe(false);
    expect(island.disclosure.fields).not.toContain('gemeenteCode');
  });
});
