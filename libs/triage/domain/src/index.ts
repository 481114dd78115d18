export * from './acute-rules';
export * from './routes-for-minors';
