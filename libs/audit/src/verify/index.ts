export * from './public-keys';
export * from './chain-verifier';
export * from './verify-log';
