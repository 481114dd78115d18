export * from './legal-bases';
