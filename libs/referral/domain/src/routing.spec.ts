import { loadPartnerDirectory } from './partner-directory';
import { choosePartner, loadRoutingRules, nextPartner, wantedAfterAssessment, wantedAfterInvestigation, wantedForSafetyConditions } from './routing';

const directory = loadPartnerDirectory();
const rules = loadRoutingRules();
const groningen = { gemeenteCode: 'GM0014', regionCode: 'vt-groningen' };

describe('routing rules', () => {
  it('refers overdracht-lokaal-team to the lokaal team of the household’s gemeente', () => {
    const [wanted] = wantedAfterAssessment(rules, 'overdracht-lokaal-team');
    expect(wanted).toEqual({ kind: 'type', partnerType: 'lokaal-team', purpose: 'overdracht' });
    expect(choosePartner(directory, groningen, wanted as never)).toMatchObject({ chosen: true, partner: { partnerId: 'lokaal-team-gm0014' } });
  });

  it('asks the RvdK to investigate on verzoek-rvdk and informs the gemeente', () => {
    const wanted = wantedAfterAssessment(rules, 'verzoek-rvdk');
    expect(wanted).toEqual([
      { kind: 'type', partnerType: 'rvdk', purpose: 'verzoek-onderzoek' },
      { kind: 'type', partnerType: 'lokaal-team', purpose: 'informeren' },
    ]);
    expect(wanted.map((w) => choosePartner(directory, groningen, w))).toMatchObject([
      { chosen: true, partner: { partnerId: 'rvdk-groningen' } },
      { chosen: true, partner: { partnerId: 'lokaal-team-gm0014' } },
    ]);
  });

  it('refers nobody for outcomes where VT keeps the case or nothing follows', () => {
    for (const outcome of ['onderzoek', 'voorwaarden-en-vervolg', 'geen-vervolgstappen']) expect(wantedAfterAssessment(rules, outcome)).toEqual([]);
  });

  it('finds the region of a household from its gemeente when the melding did not say, and routes island households to the island’s partners', () => {
    expect(choosePartner(directory, { gemeenteCode: 'GM0363' }, { kind: 'type', partnerType: 'mdt', purpose: 'overdracht' })).toMatchObject({ chosen: true, partner: { partnerId: 'mdt-amsterdam-amstelland' } });
    expect(choosePartner(directory, { island: 'saba' }, { kind: 'type', partnerType: 'lokaal-team', purpose: 'overdracht' })).toMatchObject({ chosen: true, partner: { partnerId: 'lokaal-team-bq-saba' } });
    expect(choosePartner(directory, { island: 'bonaire' }, { kind: 'type', partnerType: 'rvdk', purpose: 'verzoek-onderzoek' })).toMatchObject({ chosen: true, partner: { partnerId: 'rvdk-bq-bonaire' } });
  });

  it('refers an investigation’s overdracht to the types it names, and records what the directory cannot serve', () => {
    expect(wantedAfterInvestigation(rules, directory, 'overdracht', ['lokaal-team', 'raad-voor-de-kinderbescherming', 'household', 'huisarts'])).toEqual([
      { kind: 'type', partnerType: 'lokaal-team', purpose: 'overdracht' },
      { kind: 'type', partnerType: 'rvdk', purpose: 'overdracht' },
      { kind: 'unroutable', wanted: 'huisarts', reason: `huisarts is neither a partner nor a partner type in partner directory ${directory.version}` },
    ]);
    expect(wantedAfterInvestigation(rules, directory, 'afsluiten', [])).toEqual([]);
    expect(wantedAfterInvestigation(rules, directory, 'voorwaarden-en-vervolg', ['ggz'])).toEqual([{ kind: 'type', partnerType: 'ggz', purpose: 'voorwaarden' }]);
  });

  // Rule (issue 15 point 4; docs/adr/0037): the adult routes are real: the openbaar ministerie is in the directory (DOMAIN.md
  // "Who uses it" names it among the partners), and verzoek-beschermingsmaatregel asks it to request a protection measure
  // for an adult (BW boek 1 titels 16, 19, 20) from the kantonrechter.
  it('asks the openbaar ministerie of the household’s region on verzoek-beschermingsmaatregel, and refers an overdracht to it', () => {
    const wanted = wantedAfterInvestigation(rules, directory, 'verzoek-beschermingsmaatregel', ['openbaar-ministerie']);
    expect(wanted).toEqual([{ kind: 'type', partnerType: 'openbaar-ministerie', purpose: 'verzoek-onderzoek' }]);
    expect(choosePartner(directory, groningen, wanted[0] as never)).toMatchObject({ chosen: true, partner: { partnerId: 'openbaar-ministerie-groningen' } });
    expect(choosePartner(directory, { island: 'bonaire' }, wanted[0] as never)).toMatchObject({ chosen: true, partner: { partnerId: 'openbaar-ministerie-bq-bonaire' } });
    expect(wantedAfterInvestigation(rules, directory, 'overdracht', ['openbaar-ministerie'])).toEqual([{ kind: 'type', partnerType: 'openbaar-ministerie', purpose: 'overdracht' }]);
  });

  it('hands safety conditions to the partners named by id, never to the household or the melder', () => {
    expect(wantedForSafetyConditions(rules, directory, ['lokaal-team-gm0363', 'household', 'melder', 'reclassering'])).toEqual([
      { kind: 'partner', partnerId: 'lokaal-team-gm0363', purpose: 'voorwaarden' },
      { kind: 'type', partnerType: 'reclassering', purpose: 'voorwaarden' },
    ]);
  });

  it('re-routes a declined lokaal team referral to the region’s MDT, and then finds nobody', () => {
    expect(nextPartner(rules, directory, groningen, 'lokaal-team', ['lokaal-team-gm0014'])).toMatchObject({ chosen: true, partner: { partnerId: 'mdt-groningen' } });
    const none = nextPartner(rules, directory, groningen, 'lokaal-team', ['lokaal-team-gm0014', 'mdt-groningen']);
    expect(none).toEqual({ chosen: false, code: 'no-partner-left', reason: expect.stringContaining('no other lokaal-team or mdt for gemeente GM0014 left after lokaal-team-gm0014, mdt-groningen') });
    expect(nextPartner(rules, directory, groningen, 'rvdk', ['rvdk-groningen'])).toMatchObject({ chosen: false });
  });
});
