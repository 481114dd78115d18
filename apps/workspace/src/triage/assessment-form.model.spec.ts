import { assessmentPath, toAssessmentBody, toInformingBody } from './assessment-form.model';

const now = new Date('2026-04-09T08:45:12.345Z');

describe('toAssessmentBody (DOMAIN.md point 3: taxatie recorded separately from the outcome, with reasoning)', () => {
  it('sends taxatie, outcome and reasoning as chosen', () => {
    expect(toAssessmentBody({ taxatie: 'acuut-en-structureel', outcome: 'onderzoek', reasoning: 'Waarom.' })).toEqual({ taxatie: 'acuut-en-structureel', outcome: 'onderzoek', reasoning: 'Waarom.' });
  });
  it('sends an unchosen list as empty, so the API names that field (no rule duplicated in the browser)', () => {
    expect(toAssessmentBody({ taxatie: '', outcome: '', reasoning: '' })).toEqual({ taxatie: '', outcome: '', reasoning: '' });
  });
});

describe('assessmentPath', () => {
  it('records a melding\'s assessment under the melding, one monitoring requested under the request (its subject id)', () => {
    expect(assessmentPath({ basis: 'melding', meldingId: 'm1', subjectId: 'm1' })).toBe('/api/v1/meldingen/m1/safety-assessment');
    expect(assessmentPath({ basis: 'monitoring', meldingId: 'm1', subjectId: 'r1' })).toBe('/api/v1/assessment-requests/r1/safety-assessment');
  });
});

describe('toInformingBody (DOMAIN.md point 7: informed, or the legal ground for not informing, per person)', () => {
  it('given informed at a moment typed, sends it as an ISO instant with the method', () => {
    const local = '2026-04-09T10:30';
    expect(toInformingBody({ kind: 'informed', informedAt: local, method: 'gesprek', ground: '' }, now)).toEqual({ informedAt: new Date(local).toISOString(), method: 'gesprek' });
  });
  it('given no moment typed, sends now: the person was told just before it is recorded (never before the clock started)', () => {
    expect(toInformingBody({ kind: 'informed', informedAt: '', method: 'brief', ground: '' }, now)).toEqual({ informedAt: '2026-04-09T08:45:12.345Z', method: 'brief' });
  });
  it('given withheld, sends only the ground, never informedAt or method too (the API refuses both)', () => {
    expect(toInformingBody({ kind: 'withheld', informedAt: '2026-04-09T10:30', method: 'gesprek', ground: 'bescherming-betrokkene' }, now)).toEqual({ withheld: { ground: 'bescherming-betrokkene' } });
  });
  it('leaves an unchosen list out, so the API names it as required', () => {
    expect(toInformingBody({ kind: 'informed', informedAt: '', method: '', ground: '' }, now)).toEqual({ informedAt: now.toISOString() });
    expect(toInformingBody({ kind: 'withheld', informedAt: '', method: '', ground: '' }, now)).toEqual({ withheld: {} });
  });
  it('sends a date-time the browser cannot read as typed, so the API names it', () => {
    expect(toInformingBody({ kind: 'informed', informedAt: 'gisteren', method: 'brief', ground: '' }, now)).toEqual({ informedAt: 'gisteren', method: 'brief' });
  });
});
