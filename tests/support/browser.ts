// A minimal browser for sign-in tests: real HTTP requests, a cookie jar (tough-cookie, RFC
// 6265: paths, expiry, HttpOnly and SameSite are stored as a browser would), redirects
// followed one by one so each hop can be inspected, and HTML forms read and submitted.
import { CookieJar } from 'tough-cookie';

export interface Hop {
  url: string;
  status: number;
  location: string | null;
}

export interface Page {
  url: string;
  status: number;
  body: string;
  headers: Headers;
  /** Every response on the way, redirects included. */
  hops: Hop[];
}

export class Browser {
  readonly jar = new CookieJar();

  /** One request, no redirect followed; cookies sent and stored. */
  async request(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
    const cookie = await this.jar.getCookieString(url);
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      headers: { ...(cookie ? { cookie } : {}), ...init.headers },
      body: init.body,
      redirect: 'manual',
    });
    for (const value of response.headers.getSetCookie()) await this.jar.setCookie(value, url);
    return response;
  }

  /**
   * Requests `url` and follows redirects (303 and 302 become GET, as browsers do) until a page
   * answers or `stopAt` says the next location is where the caller wants to stop.
   */
  async navigate(
    url: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
    stopAt: (location: string) => boolean = () => false,
  ): Promise<Page> {
    const hops: Hop[] = [];
    let current = url;
    let request = init;
    for (let i = 0; i < 20; i += 1) {
      const response = await this.request(current, request);
      const location = response.headers.get('location');
      hops.push({ url: current, status: response.status, location });
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, current).href;
        if (stopAt(next)) return { url: next, status: response.status, body: await response.text(), headers: response.headers, hops };
        current = next;
        request = response.status === 307 || response.status === 308 ? request : {};
        continue;
      }
      return { url: current, status: response.status, body: await response.text(), headers: response.headers, hops };
    }
    throw new Error(`more than 20 redirects from ${url}`);
  }

  /** Submits the page's first form (or the one with this id) with its hidden fields and `fields`. */
  async submitForm(page: Page, fields: Record<string, string>, options: { formId?: string; stopAt?: (location: string) => boolean } = {}): Promise<Page> {
    const form = readForm(page.body, options.formId);
    const body = new URLSearchParams({ ...form.hidden, ...fields }).toString();
    return this.navigate(new URL(form.action, page.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: new URL(page.url).origin },
      body,
    }, options.stopAt);
  }

  async cookie(url: string, name: string): Promise<string | undefined> {
    return (await this.jar.getCookies(url)).find((c) => c.key === name)?.value;
  }
}

const decode = (text: string) => text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return match ? decode(match[1]!) : null;
}

export function readForm(html: string, formId?: string): { action: string; hidden: Record<string, string> } {
  const forms = [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)];
  const form = formId ? forms.find((f) => attribute(f[0].slice(0, f[0].indexOf('>') + 1), 'id') === formId) : forms[0];
  if (!form) throw new Error(`no form${formId ? ` with id ${formId}` : ''} in the page:\n${html.slice(0, 500)}`);
  const openTag = form[0].slice(0, form[0].indexOf('>') + 1);
  const hidden: Record<string, string> = {};
  for (const input of form[1]!.matchAll(/<input\b[^>]*>/gi)) {
    if (attribute(input[0], 'type')?.toLowerCase() !== 'hidden') continue;
    const name = attribute(input[0], 'name');
    if (name) hidden[name] = attribute(input[0], 'value') ?? '';
  }
  return { action: attribute(openTag, 'action') ?? '', hidden };
}
