export * from './partner-directory';
