import { type TestApi, startTestApi } from '../support/test-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe('health endpoints', () => {
  it('answers /livez without the database, and /healthz and /readyz once the database answers', async () => {
    const base = api.url.replace(/\/graphql$/, '');
    const live = await fetch(`${base}/livez`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'alive' });
    for (const path of ['/healthz', '/readyz']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.json()).toEqual({ status: 'ok' });
    }
  });
});
