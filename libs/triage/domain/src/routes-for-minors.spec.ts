import { ASSESSMENT_OUTCOMES_FOR_ADULTS, checkAssessmentOutcome, householdMinors, meldingHasMinor } from './routes-for-minors';

/*
 * Issue 11 point 7: "Referral to the Raad voor de Kinderbescherming or a gecertificeerde instelling is refused (422,
 * naming why) for a household without a minor; households without minors get the adult routes DOMAIN.md names."
 * The outcomes are DOMAIN.md "The process after a melding" point 3; docs/adr/0022 has the decision.
 */
describe('a route for children needs a minor: the veiligheidsbeoordeling', () => {
  describe('whether a melding has a minor', () => {
    it('given a child among the persons (by role or by age), then yes', () => {
      expect(meldingHasMinor([{ role: 'victim', minor: false }, { role: 'child-involved' }])).toBe(true);
      expect(meldingHasMinor([{ role: 'victim', minor: true }, { role: 'suspected-perpetrator', minor: false }])).toBe(true);
    });

    it('given only persons known to be adults, then no', () => {
      expect(meldingHasMinor([{ role: 'victim', minor: false }, { role: 'suspected-perpetrator', minor: false }])).toBe(false);
    });

    it('given someone of unknown age and no child, then nobody can say', () => {
      expect(meldingHasMinor([{ role: 'victim', minor: false }, { role: 'suspected-perpetrator' }])).toBeNull();
    });
  });

  describe('the household, from its meldingen known to crisis-triage', () => {
    it('has a minor when any melding named one', () => {
      expect(householdMinors([false, true])).toBe('present');
      expect(householdMinors([null, true])).toBe('present');
    });

    it('has none only when every melding is known to have none', () => {
      expect(householdMinors([false, false])).toBe('none');
      expect(householdMinors([false, null])).toBe('unknown');
      expect(householdMinors([])).toBe('unknown');
    });
  });

  describe('policy: verzoek-rvdk needs a minor', () => {
    it('given a household without a minor, when the outcome is verzoek-rvdk, then it is refused, naming why and the outcomes that remain', () => {
      const check = checkAssessmentOutcome('verzoek-rvdk', 'none');
      expect(check).toEqual({
        ok: false,
        problem: expect.objectContaining({ path: 'outcome', code: 'route-needs-a-minor', allowed: [...ASSESSMENT_OUTCOMES_FOR_ADULTS] }),
      });
      if (check.ok) return;
      expect(check.problem.message).toContain('this household has no minor');
      expect(check.problem.message).toContain('The routes for adults are: voorwaarden-en-vervolg, onderzoek, overdracht-lokaal-team');
    });

    it('the outcomes that remain are DOMAIN.md’s outcomes without the request to the RvdK', () => {
      expect([...ASSESSMENT_OUTCOMES_FOR_ADULTS]).toEqual([
        'voorwaarden-en-vervolg',
        'onderzoek',
        'overdracht-lokaal-team',
        'overdracht-betrokken-zorg',
        'overdracht-mdt',
        'overdracht-huishouden',
        'regionaal-maatwerk',
        'geen-vervolgstappen',
      ]);
    });

    it.each(ASSESSMENT_OUTCOMES_FOR_ADULTS)('given a household without a minor, when the outcome is %s, then it is accepted', (outcome) => {
      expect(checkAssessmentOutcome(outcome, 'none')).toEqual({ ok: true });
    });

    it('given a household with a minor, when the outcome is verzoek-rvdk, then it is accepted', () => {
      expect(checkAssessmentOutcome('verzoek-rvdk', 'present')).toEqual({ ok: true });
    });

    it('given a household whose ages are not all known, when the outcome is verzoek-rvdk, then it is accepted: a missing age never closes a child’s route', () => {
      expect(checkAssessmentOutcome('verzoek-rvdk', 'unknown')).toEqual({ ok: true });
    });
  });
});
