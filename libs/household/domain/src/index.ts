export * from './household.state';
export * from './household.transitions';
export * from './household.policies';
export * from './household.decider';
export * from './household.refusals';
export * from './monitoring.plan';
export * from './investigation.rules';
export * from './huisverbod.rules';
