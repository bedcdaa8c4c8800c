// Imported first by bench/run.ts: libraries read NODE_ENV when they load (graphql-js swaps its
// development-only instanceof checks, about 3% of a request, for the plain operator), and the
// server is measured as it runs in production.
process.env.NODE_ENV = 'production';
