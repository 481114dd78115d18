export * from './wait-for';
export * from './ids';
export * from './service-process';
export * from './test-environment';
export * from './private-kafka';
export * from './topic-reader';
export * from './builders';
