export * from './gemeenten';
