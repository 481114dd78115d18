export * from './types';
export * from './capacity';
export * from './placement';
export * from './refusals';
