export * from './problem';
export * from './identifiers';
export * from './code-lists';
export * from './vt-regions';
export * from './routing';
export * from './radar';
export { editDistance, foldText, foldWords } from './text';
export * from './minor';
