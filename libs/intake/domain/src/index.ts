export * from './problem';
export * from './identifiers';
export * from './code-lists';
export * from './vt-regions';
export * from './routing';
export * from './radar';
export * from './receipt';
export { editDistance, foldText, foldWords } from './text';
