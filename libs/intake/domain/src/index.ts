export * from './problem';
export * from './identifiers';
export * from './code-lists';
export * from './vt-regions';
export * from './routing';
export * from './radar';
export * from './radar-case';
export * from './radar-proposals';
export { editDistance, foldText, foldWords } from './text';
