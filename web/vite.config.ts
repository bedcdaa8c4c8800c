// Vite: `npm run dev` serves the app with hot reload and proxies /graphql, sign-in (/auth: the
// page asks /auth/options which sign-in is offered) and /exports to the API (API_URL, default
// http://localhost:4000, i.e. `npm start` in another terminal). Signing in with OpenID Connect
// through Vite needs PUBLIC_URL set to Vite's address, since the session cookie counts only
// from that origin. `npm run build` writes web/dist, which the express server serves at `/`.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.API_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: {
      '/graphql': { target: api, changeOrigin: false },
      '/auth': { target: api, changeOrigin: false },
      '/exports': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Hashed file names: the server caches them for a year; index.html is never cached.
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
});
