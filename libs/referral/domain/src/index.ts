export * from './partner-directory';
export * from './routing';
export * from './projection';
export * from './referral-lifecycle';
export * from './answer-within';
export * from './household-reference';
