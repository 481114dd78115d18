export * from './wait-for';
export * from './ids';
export * from './service-process';
export * from './test-environment';
