import { HOUSEHOLD_PHASE_CHANGED_V2, PersonRef } from '@vt/contracts';
import { decide } from './household.decider';
import { acuteIncident, child, confirm, given, history, melding, now, openRecord, partner, victim } from './household.fixtures';
import { conclusionRouteProblems, conditionsRouteProblems, HANDOVER_TYPES_FOR_ADULTS, householdMinors, INVESTIGATION_OUTCOMES_FOR_ADULTS } from './routes-for-minors.rules';

/*
 * Issue 11 point 7: "Referral to the Raad voor de Kinderbescherming or a gecertificeerde instelling is refused (422,
 * naming why) for a household without a minor; households without minors get the adult routes DOMAIN.md names."
 * DOMAIN.md "The process after a melding" 4 (the investigation's outcomes) and "Who uses it" (the partners);
 * docs/adr/0022 has the decision.
 */
const adultVictim: PersonRef = { ...victim, minor: false };
const adultPartner: PersonRef = { ...partner, minor: false };
const teenager: PersonRef = { personId: '5a1f7a54-1c3e-4a8e-9b8e-2f7d8c1e0a04', role: 'adult-involved', minor: true };

describe('a route for children needs a minor: the household record', () => {
  describe('the record keeps whether each person is a minor', () => {
    it('given a first melding with ages, when the record opens, then every person keeps the flag', () => {
      const state = given(...history(openRecord([adultVictim, child, teenager])));
      expect(state.status === 'recorded' && state.persons.map((p) => [p.role, p.minor])).toEqual([
        ['victim', false],
        ['child-involved', undefined],
        ['adult-involved', true],
      ]);
    });

    it('given a record, when a later melding adds a person, then the added person keeps the flag', () => {
      const state = given(...history(openRecord([adultVictim], false), melding({ acute: false, persons: [adultVictim, teenager] })));
      expect(state.status === 'recorded' && state.persons.map((p) => [p.personId, p.minor])).toEqual([
        [adultVictim.personId, false],
        [teenager.personId, true],
      ]);
      expect(householdMinors(state)).toBe('present');
    });

    it('given confirmations, when an acute incident withdraws them, then the flags stay', () => {
      const events = history(openRecord([adultVictim, adultPartner], false), confirm(adultVictim), acuteIncident());
      expect(events.map((e) => e.type)).toContain(HOUSEHOLD_PHASE_CHANGED_V2);
      const state = given(...events);
      expect(state.status === 'recorded' && state.persons.map((p) => p.minor)).toEqual([false, false]);
      expect(householdMinors(state)).toBe('none');
    });

    it('a record without ages (or from before the flag) has unknown minors; one with role child-involved has one', () => {
      expect(householdMinors(given(...history(openRecord([victim, partner]))))).toBe('unknown');
      expect(householdMinors(given(...history(openRecord([adultVictim, child]))))).toBe('present');
      expect(householdMinors(given())).toBe('unknown');
    });

    it('deciding on an adult household records the flags it was given, not more', () => {
      const [opened] = decide(openRecord([adultVictim, adultPartner]), given(), now);
      expect(opened?.data).toMatchObject({ persons: [adultVictim, adultPartner] });
    });
  });

  describe('policy: a conclusion hands an adult household only to adult routes', () => {
    it('given a household without a minor, when the conclusion is verzoek-rvdk, then the outcome is refused, naming why and the routes for adults', () => {
      const problems = conclusionRouteProblems({ outcome: 'verzoek-rvdk', handOverTo: ['rvdk', 'lokaal-team'] }, 'none');
      expect(problems.map((p) => [p.path, p.code])).toEqual([
        ['outcome', 'route-needs-a-minor'],
        ['handOverTo[0]', 'route-needs-a-minor'],
      ]);
      expect(problems[0]?.message).toContain('this household has no minor');
      expect(problems[0]?.message).toContain('The routes for adults are: outcomes overdracht, voorwaarden-en-vervolg, afsluiten, verzoek-beschermingsmaatregel; handOverTo lokaal-team, politie, vrouwenopvang, ggz');
    });

    it('given a household without a minor, when an overdracht names the gecertificeerde instelling, then that party is refused', () => {
      const problems = conclusionRouteProblems({ outcome: 'overdracht', handOverTo: ['lokaal-team', 'gecertificeerde-instelling'] }, 'none');
      expect(problems).toEqual([expect.objectContaining({ path: 'handOverTo[1]', code: 'route-needs-a-minor', message: expect.stringContaining('gecertificeerde-instelling works for children') })]);
    });

    it('given a household without a minor, when voorwaarden-en-vervolg hands the conditions to the RvdK by its long name, then it is refused', () => {
      expect(conclusionRouteProblems({ outcome: 'voorwaarden-en-vervolg', handOverTo: ['raad-voor-de-kinderbescherming'] }, 'none')).toEqual([
        expect.objectContaining({ path: 'handOverTo[0]', code: 'route-needs-a-minor' }),
      ]);
    });

    it.each(HANDOVER_TYPES_FOR_ADULTS)('given a household without a minor, when an overdracht names %s, then it is accepted', (party) => {
      expect(conclusionRouteProblems({ outcome: 'overdracht', handOverTo: [party] }, 'none')).toEqual([]);
    });

    it('the adult routes are the outcomes and partner types DOMAIN.md names for adults, with the request for an adult protection measure (docs/adr/0037)', () => {
      expect([...INVESTIGATION_OUTCOMES_FOR_ADULTS]).toEqual(['overdracht', 'voorwaarden-en-vervolg', 'afsluiten', 'verzoek-beschermingsmaatregel']);
      expect([...HANDOVER_TYPES_FOR_ADULTS]).toEqual(['lokaal-team', 'politie', 'vrouwenopvang', 'ggz', 'slachtofferhulp', 'reclassering', 'mdt', 'betrokken-zorg', 'openbaar-ministerie', 'huisarts', 'household']);
    });

    // Rule (issue 15 point 4; docs/adr/0037): a household without minors has a real route for adult protection: a
    // request through the openbaar ministerie for curatele, beschermingsbewind or mentorschap (BW boek 1 titels 16, 19, 20).
    it('given a household without a minor, when the conclusion is verzoek-beschermingsmaatregel to the openbaar ministerie, then it is accepted', () => {
      expect(conclusionRouteProblems({ outcome: 'verzoek-beschermingsmaatregel', handOverTo: ['openbaar-ministerie'] }, 'none')).toEqual([]);
    });

    it('given a household without a minor, when verzoek-rvdk is refused, then the message names the adult protection route', () => {
      expect(conclusionRouteProblems({ outcome: 'verzoek-rvdk', handOverTo: [] }, 'none')[0]?.message).toContain('verzoek-beschermingsmaatregel');
    });

    it('given a household with a minor, when the conclusion is verzoek-rvdk or names the gecertificeerde instelling, then it is accepted', () => {
      expect(conclusionRouteProblems({ outcome: 'verzoek-rvdk', handOverTo: ['rvdk', 'lokaal-team'] }, 'present')).toEqual([]);
      expect(conclusionRouteProblems({ outcome: 'overdracht', handOverTo: ['gecertificeerde-instelling'] }, 'present')).toEqual([]);
    });

    it('given a household whose ages are not all known, then nothing is refused: a missing age never closes a child’s route', () => {
      expect(conclusionRouteProblems({ outcome: 'verzoek-rvdk', handOverTo: ['rvdk', 'lokaal-team'] }, 'unknown')).toEqual([]);
    });
  });

  describe('policy: safety conditions of an adult household are not handed to a route for children', () => {
    it('given a household without a minor, when the conditions are handed to the gecertificeerde instelling, then that party is refused', () => {
      expect(conditionsRouteProblems(['household', 'gecertificeerde-instelling'], 'none')).toEqual([
        expect.objectContaining({ path: 'handedOverTo[1]', code: 'route-needs-a-minor', message: expect.stringContaining('this household has no minor') }),
      ]);
    });

    it('given a household without a minor, when they go to the lokaal team and the household, then they are accepted', () => {
      expect(conditionsRouteProblems(['lokaal-team-gm0363', 'household'], 'none')).toEqual([]);
    });

    it('given a household with a minor, when they go to the RvdK, then they are accepted', () => {
      expect(conditionsRouteProblems(['rvdk'], 'present')).toEqual([]);
    });
  });
});
