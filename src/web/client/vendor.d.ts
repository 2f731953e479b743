declare module '@alpinejs/csp' {
  const Alpine: { start(): void; [key: string]: unknown };
  export default Alpine;
}

// esbuild inlines the captcha's proof-of-work worker as text (import … with { type: 'text' }).
declare module 'altcha/workers/sha' {
  const source: string;
  export default source;
}
