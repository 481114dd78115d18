declare module 'virtual:vt-reference' {
  const data: import('./reference').ReferenceData;
  export default data;
}
