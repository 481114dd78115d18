import { parseAnswerWithin, answerDueAt } from './answer-within';
import { decideMove, isOpen } from './referral-lifecycle';

describe('referral lifecycle', () => {
  it('allows issued → accepted → completed, and a declined or expired referral to be re-routed', () => {
    expect(decideMove('issued', 'accept')).toEqual({ allowed: true, to: 'accepted' });
    expect(decideMove('accepted', 'complete')).toEqual({ allowed: true, to: 'completed' });
    expect(decideMove('issued', 'decline')).toEqual({ allowed: true, to: 'declined' });
    expect(decideMove('declined', 'reroute')).toEqual({ allowed: true, to: 'rerouted' });
    expect(decideMove('expired', 'reroute')).toEqual({ allowed: true, to: 'rerouted' });
  });

  it('refuses an illegal move and names the moves that are allowed', () => {
    expect(decideMove('accepted', 'decline')).toEqual({ allowed: false, reason: 'a referral that is accepted cannot decline; allowed: complete' });
    expect(decideMove('completed', 'accept')).toEqual({ allowed: false, reason: 'a referral that is completed cannot accept; allowed: nothing (final)' });
    expect(decideMove('issued', 'complete')).toMatchObject({ allowed: false });
    expect(isOpen('issued') && isOpen('accepted') && !isOpen('expired')).toBe(true);
  });
});

describe('answer time', () => {
  it('counts working days in the household’s calendar by default', () => {
    const within = parseAnswerWithin();
    expect(within).toEqual({ kind: 'working-days', days: 3 });
    // Friday 24 April 2026: Koningsdag is Monday 27 April, so three working days end on Thursday 30 April.
    expect(answerDueAt(within, new Date('2026-04-24T10:00:00+02:00')).toISOString()).toBe('2026-04-30T22:00:00.000Z');
  });

  it('accepts an ISO duration, and refuses anything else naming the accepted forms', () => {
    expect(answerDueAt(parseAnswerWithin('PT2S'), new Date('2026-11-29T10:00:00Z')).toISOString()).toBe('2026-11-29T10:00:02.000Z');
    expect(parseAnswerWithin('P1DT12H')).toMatchObject({ kind: 'duration', ms: 36 * 3600 * 1000 });
    expect(() => parseAnswerWithin('3 days')).toThrow('expected "<n> working days"');
    expect(() => parseAnswerWithin('PT0S')).toThrow('REFERRAL_ANSWER_WITHIN');
  });
});
