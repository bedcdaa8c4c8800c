import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client';
import { App } from './app';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Retry only what may pass on its own (a dropped connection); never a refusal.
      retry: (count, error) => error instanceof ApiError && error.kind === 'offline' && count < 2,
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Try even when the browser says it is offline, so the page says so at once (and keeps
      // the input) rather than waiting silently.
      networkMode: 'always',
    },
    mutations: { networkMode: 'always' },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
