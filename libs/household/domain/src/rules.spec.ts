import { conclusionProblems, stepProblems } from './investigation.rules';
import { extensionProblems, huisverbodMaxEnd, impositionProblems, parseIslandPilot } from './huisverbod.rules';

const person = '5a1f7a54-1c3e-4a8e-9b8e-2f7d8c1e0a01';

describe('investigation rules', () => {
  it('a request for information from a third party needs the party and its legal basis', () => {
    expect(stepProblems({ kind: 'informatie-derden', thirdParty: 'huisarts' }, [person])).toEqual([expect.objectContaining({ path: 'legalBasis', code: 'required' })]);
    expect(stepProblems({ kind: 'informatie-derden', thirdParty: 'huisarts', legalBasis: 'Wmo 2015 art. 5.2.6' }, [person])).toEqual([]);
  });

  // Rule (ADR 0020, ISSUE-11 plan "Free text"): no free text on the permanent log; the legal basis of a request for
  // information is a citation from a closed list (INFORMATION_REQUEST_LEGAL_BASES), never a sentence typed by a person.
  it('a request for information cites a legal basis the system knows, not free text', () => {
    expect(stepProblems({ kind: 'informatie-derden', thirdParty: 'school', legalBasis: 'toestemming van betrokkene' }, [person])).toEqual([]);
    expect(stepProblems({ kind: 'informatie-derden', thirdParty: 'school', legalBasis: 'art. 5.2.6, want moeder vertelde over slaan' }, [person])).toEqual([
      expect.objectContaining({ path: 'legalBasis', code: 'unknown-legal-basis', message: expect.stringContaining('Wmo 2015 art. 5.2.6') }),
    ]);
  });

  it('a gesprek is with a person of the household', () => {
    expect(stepProblems({ kind: 'gesprek', personId: person }, [person])).toEqual([]);
    expect(stepProblems({ kind: 'gesprek', personId: '5a1f7a54-1c3e-4a8e-9b8e-2f7d8c1e0aff' }, [person])).toEqual([expect.objectContaining({ path: 'personId', code: 'unknown-person' })]);
    expect(stepProblems({ kind: 'huisbezoek', legalBasis: 'x' }, [person])).toEqual([expect.objectContaining({ path: 'legalBasis', code: 'not-allowed' })]);
  });

  it('each outcome needs what it hands over', () => {
    const base = { unsafety: true, risks: ['lichamelijk-geweld' as const], safetyConditions: [], handOverTo: [] };
    expect(conclusionProblems({ ...base, outcome: 'voorwaarden-en-vervolg' }).map((p) => p.path)).toEqual(['safetyConditions', 'handOverTo']);
    expect(conclusionProblems({ ...base, outcome: 'overdracht', handOverTo: ['lokaal-team'] })).toEqual([]);
    expect(conclusionProblems({ ...base, outcome: 'verzoek-rvdk', handOverTo: ['rvdk'] })).toEqual([expect.objectContaining({ path: 'handOverTo', message: expect.stringContaining('lokaal-team is missing') })]);
    expect(conclusionProblems({ ...base, unsafety: false, risks: [], outcome: 'afsluiten' })).toEqual([]);
    expect(conclusionProblems({ ...base, risks: [], outcome: 'afsluiten' })).toEqual([expect.objectContaining({ path: 'conclusion.risks' })]);
  });

  // Rule (issue 15 point 4; docs/adr/0037; BW boek 1 titels 16, 19, 20): a request for a protection measure for an adult
  // (curatele, beschermingsbewind, mentorschap) goes to the openbaar ministerie, which may ask the kantonrechter.
  it('given verzoek-beschermingsmaatregel, when the openbaar ministerie is not named, then handOverTo is required; when it is, the conclusion is accepted', () => {
    const base = { unsafety: true, risks: ['financieel-misbruik' as const, 'ontspoorde-mantelzorg' as const], safetyConditions: [] };
    expect(conclusionProblems({ ...base, outcome: 'verzoek-beschermingsmaatregel', handOverTo: ['lokaal-team'] })).toEqual([
      expect.objectContaining({ path: 'handOverTo', code: 'required', message: expect.stringContaining('openbaar-ministerie is missing') }),
    ]);
    expect(conclusionProblems({ ...base, outcome: 'verzoek-beschermingsmaatregel', handOverTo: ['openbaar-ministerie', 'lokaal-team'] })).toEqual([]);
  });
});

describe('tijdelijk huisverbod rules', () => {
  const imposedAt = new Date('2026-04-22T16:00:00.000Z');
  const running = { imposedAt, endsAt: new Date('2026-05-04T21:59:59.999Z'), status: 'running' as const };

  it('extends up to 28 days from imposition, and refuses one day more naming endsAt', () => {
    expect(huisverbodMaxEnd(imposedAt).toISOString()).toBe('2026-05-20T16:00:00.000Z');
    expect(extensionProblems(running, new Date('2026-05-20T16:00:00.000Z'))).toEqual([]);
    expect(extensionProblems(running, new Date('2026-05-21T16:00:00.000Z'))).toEqual([expect.objectContaining({ path: 'endsAt', code: 'beyond-maximum' })]);
    expect(extensionProblems(running, new Date('2026-05-01T00:00:00.000Z'))).toEqual([expect.objectContaining({ path: 'endsAt', code: 'not-later' })]);
  });

  it('is refused for an island household unless the pilot covers the island', () => {
    expect(impositionProblems({ gemeenteCode: 'GM0363' }, undefined, [])).toEqual([]);
    expect(impositionProblems({}, 'saba', [])).toEqual([expect.objectContaining({ path: 'island', code: 'not-applicable' })]);
    expect(impositionProblems({}, 'saba', parseIslandPilot('bonaire,saba'))).toEqual([]);
    expect(impositionProblems({}, 'sint-eustatius', parseIslandPilot('true'))).toEqual([]);
    expect(impositionProblems({}, undefined, parseIslandPilot('true'))).toEqual([expect.objectContaining({ path: 'island', code: 'required' })]);
    expect(() => parseIslandPilot('curacao')).toThrow('HUISVERBOD_ISLANDS_PILOT names curacao');
  });
});
