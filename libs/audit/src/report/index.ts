export * from './period';
export * from './compliance-report';
export * from './render-report';
export * from './report-from-log';
