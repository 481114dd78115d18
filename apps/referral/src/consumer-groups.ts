/** Referral's consumer group for the other services' facts (declared with its topics in ReferralModule). */
export const REFERRAL_GROUP = 'referral';
/** Referral's consumer group for partners' answers; its topics come from `PartnerResponseTopics`. */
export const RESPONSES_GROUP = 'referral-partner-responses';
