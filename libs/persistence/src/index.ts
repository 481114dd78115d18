export * from './identifiers';
export * from './data-source';
export * from './provision';
export * from './messaging-tables';
export * from './timer-tables';
export * from './prepared-statements';
