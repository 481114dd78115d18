export * from './acute-rules';
export * from './informing.rules';
