import { deadLetterTopic, partnerReferralsTopic, partnerResponsesTopic, TOPICS, topicSpecFor } from './topics';

describe('topic names', () => {
  it('follow vt.<context>.<stream>.v<major>', () => {
    for (const topic of Object.values(TOPICS)) expect(topic).toMatch(/^vt\.[a-z]+\.[a-z]+\.v\d+$/);
  });

  it('give each partner a topic to read and a topic to write', () => {
    expect(partnerReferralsTopic('lokaal-team-gm0363')).toBe('vt.partner.lokaal-team-gm0363.referrals.v1');
    expect(partnerResponsesTopic('lokaal-team-gm0363')).toBe('vt.partner.lokaal-team-gm0363.responses.v1');
    expect(deadLetterTopic('crisis-triage')).toBe('vt.crisis-triage.dlq.v1');
  });

  it('refuse partner ids that could reach into another topic name', () => {
    expect(() => partnerReferralsTopic('a.b')).toThrow('partner id "a.b" must be lower-case letters, digits and single hyphens');
    expect(() => partnerReferralsTopic('*')).toThrow();
  });

  it('keep household streams at 12 partitions and every domain topic forever', () => {
    expect(topicSpecFor(TOPICS.meldingen)).toEqual({ numPartitions: 12, retentionMs: -1 });
    expect(topicSpecFor(partnerReferralsTopic('x')).retentionMs).toBe(-1);
    expect(topicSpecFor(deadLetterTopic('intake')).retentionMs).toBe(-1);
  });
});
