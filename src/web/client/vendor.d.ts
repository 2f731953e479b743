declare module '@alpinejs/csp' {
  const Alpine: { start(): void; [key: string]: unknown };
  export default Alpine;
}
