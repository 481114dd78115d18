import { routingFailureReasonOf } from '@vt/contracts';
import { loadPartnerDirectory } from './partner-directory';
import {
  choosePartner,
  loadRoutingRules,
  nextPartner,
  parseRoutingRules,
  PARTNER_TYPES_FOR_ADULTS,
  ROUTE_NEEDS_A_MINOR_PHRASE,
  routeForMinorsRefused,
  wantedAfterAssessment,
  wantedAfterInvestigation,
  wantedForHousehold,
  wantedForSafetyConditions,
} from './routing';

/*
 * Issue 11 point 7: "Referral to the Raad voor de Kinderbescherming or a gecertificeerde instelling is refused for a
 * household without a minor; households without minors get the adult routes DOMAIN.md names." Here the referral
 * service's defence in depth (crisis-triage and safety-investigation refuse first, with a 422): routing never
 * refers such a household to them, and re-routing stays on adult partners. DOMAIN.md "Who uses it" names the
 * partners; docs/adr/0022 has the decision.
 */
const directory = loadPartnerDirectory();
const rules = loadRoutingRules();
const groningen = { gemeenteCode: 'GM0014', regionCode: 'vt-groningen' };

describe('a route for children needs a minor: routing', () => {
  describe('policy: never an RvdK or gecertificeerde instelling for a household without a minor', () => {
    it('given a household without a minor, when verzoek-rvdk asks the RvdK, then nobody is chosen and the sentence names why, with the code the upcaster recognises', () => {
      const choice = choosePartner(directory, groningen, { kind: 'type', partnerType: 'rvdk', purpose: 'verzoek-onderzoek' }, 'none');
      expect(choice).toEqual({ chosen: false, code: 'route-needs-a-minor', reason: expect.stringContaining(`rvdk works for children and ${ROUTE_NEEDS_A_MINOR_PHRASE}`) });
      if (choice.chosen) return;
      expect(choice.reason).toContain('the routes for adults are lokaal-team, politie, vrouwenopvang, ggz, slachtofferhulp, reclassering, mdt');
    });

    it('given a household without a minor, when a partner of type gecertificeerde instelling is named by id, then it is refused too', () => {
      expect(choosePartner(directory, groningen, { kind: 'partner', partnerId: 'gecertificeerde-instelling-groningen', purpose: 'voorwaarden' }, 'none')).toEqual({
        chosen: false,
        code: 'route-needs-a-minor',
        reason: expect.stringContaining(`gecertificeerde-instelling works for children and ${ROUTE_NEEDS_A_MINOR_PHRASE}`),
      });
    });

    it('given a household with a minor, or whose ages are not all known, then the RvdK is chosen', () => {
      for (const minors of ['present', 'unknown'] as const) {
        expect(choosePartner(directory, groningen, { kind: 'type', partnerType: 'rvdk', purpose: 'verzoek-onderzoek' }, minors)).toMatchObject({ chosen: true, partner: { partnerId: 'rvdk-groningen' } });
      }
      expect(routeForMinorsRefused('rvdk', 'present')).toBeUndefined();
    });

    it.each(PARTNER_TYPES_FOR_ADULTS)('given a household without a minor, when %s is wanted, then it is chosen as before', (partnerType) => {
      expect(routeForMinorsRefused(partnerType, 'none')).toBeUndefined();
      expect(choosePartner(directory, groningen, { kind: 'type', partnerType, purpose: 'overdracht' }, 'none')).toMatchObject({ chosen: true, partner: { partnerType } });
    });

    it('the adult partner types are every directory type but the RvdK and the gecertificeerde instelling (the openbaar ministerie since docs/adr/0037)', () => {
      expect([...PARTNER_TYPES_FOR_ADULTS]).toEqual(['lokaal-team', 'politie', 'vrouwenopvang', 'ggz', 'slachtofferhulp', 'reclassering', 'mdt', 'openbaar-ministerie']);
    });

    it('the refusal sentence (a v1 ReferralRoutingFailed) is read by the v1 → v2 upcaster as reason code route-needs-a-minor', () => {
      const reason = routeForMinorsRefused('rvdk', 'none') as string;
      expect(routingFailureReasonOf(reason, [])).toBe('route-needs-a-minor');
    });
  });

  describe('the decision’s wishes for a household without a minor', () => {
    it('given verzoek-rvdk for a household without a minor, then the gemeente is not informed of a request that is not made', () => {
      const wanted = wantedAfterAssessment(rules, 'verzoek-rvdk');
      expect(wantedForHousehold(directory, wanted, 'none')).toEqual([{ kind: 'type', partnerType: 'rvdk', purpose: 'verzoek-onderzoek' }]);
      expect(wantedForHousehold(directory, wanted, 'present')).toEqual(wanted);
      expect(wantedForHousehold(directory, wanted, 'unknown')).toEqual(wanted);
    });

    it('given an overdracht to the lokaal team and the gecertificeerde instelling, then only the latter is refused', () => {
      const wanted = wantedForHousehold(directory, wantedAfterInvestigation(rules, directory, 'overdracht', ['lokaal-team', 'gecertificeerde-instelling']), 'none');
      expect(wanted.map((wish) => choosePartner(directory, groningen, wish, 'none'))).toEqual([
        expect.objectContaining({ chosen: true, partner: expect.objectContaining({ partnerId: 'lokaal-team-gm0014' }) }),
        { chosen: false, code: 'route-needs-a-minor', reason: expect.stringContaining(ROUTE_NEEDS_A_MINOR_PHRASE) },
      ]);
    });

    it('given safety conditions handed to the RvdK by its long name, then that wish is refused', () => {
      const [wish] = wantedForSafetyConditions(rules, directory, ['raad-voor-de-kinderbescherming']);
      expect(choosePartner(directory, groningen, wish as never, 'none')).toEqual({ chosen: false, code: 'route-needs-a-minor', reason: expect.stringContaining('rvdk works for children') });
    });
  });

  describe('the fallback chains of an adult household stay on adult partners', () => {
    const childInChain = parseRoutingRules({
      version: 'routing/test',
      assessmentOutcomes: {},
      investigationOutcomes: {},
      handoverTypes: {},
      notReferred: [],
      fallbacks: { 'lokaal-team': ['gecertificeerde-instelling', 'mdt'], ggz: ['rvdk'] },
    });

    it('given a region whose lokaal team falls back to the gecertificeerde instelling, when an adult household’s lokaal team declines, then the MDT is next', () => {
      expect(nextPartner(childInChain, directory, groningen, 'lokaal-team', ['lokaal-team-gm0014'], 'none')).toMatchObject({ chosen: true, partner: { partnerId: 'mdt-groningen' } });
    });

    it('given a household with a minor, then the chain as configured: the gecertificeerde instelling', () => {
      expect(nextPartner(childInChain, directory, groningen, 'lokaal-team', ['lokaal-team-gm0014'], 'present')).toMatchObject({ chosen: true, partner: { partnerId: 'gecertificeerde-instelling-groningen' } });
    });

    it('given a chain with only a route for children left, then nobody: a coordinator acts', () => {
      expect(nextPartner(childInChain, directory, groningen, 'ggz', ['ggz-groningen'], 'none')).toMatchObject({ chosen: false });
    });

    it('the configured chains (config/partners/routing.json) lead from every adult type only to adult types', () => {
      for (const type of PARTNER_TYPES_FOR_ADULTS) for (const next of rules.fallbacks[type] ?? []) expect([type, PARTNER_TYPES_FOR_ADULTS]).toEqual([type, expect.arrayContaining([next])]);
    });
  });
});
