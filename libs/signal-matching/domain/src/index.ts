export * from './policy';
export * from './signals';
