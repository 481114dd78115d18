export * from './acute-rules';
export * from './routes-for-minors';
export * from './informing.rules';
export * from './violence-seen';
