// `npm run screenshots`: each role's main screens at desktop and phone width, written to
// docs/screenshots/ (shown in the README). Same server and browser set-up as the tests.
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

export default defineConfig({ ...base, testIgnore: [], testMatch: '**/screenshots.spec.ts' });
