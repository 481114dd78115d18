export * from './period';
export * from './compliance-report';
export * from './render-report';
export * from './report-from-log';
export * from './shelter-report';
export * from './render-shelter-report';
