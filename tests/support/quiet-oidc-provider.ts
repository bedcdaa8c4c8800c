// oidc-provider reminds, on the console, that its development conveniences (in-memory store,
// built-in login pages) are for development: true, and exactly what these tests want.
for (const level of ['warn', 'info'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^(\x1b\[[\d;]*m)?oidc-provider (WARNING|NOTICE)/.test(args[0])) return;
    original(...args);
  };
}

export {};
