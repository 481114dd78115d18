export * from './access-table';
export * from './partner-ids';
export * from './credentials';
export * from './apply-grants';
export * from './signal-organisations';
export * from './shelters';
