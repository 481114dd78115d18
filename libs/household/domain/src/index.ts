export * from './household.decider';
