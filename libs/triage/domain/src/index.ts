export * from './acute-rules';
