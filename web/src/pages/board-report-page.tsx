// The termly board report (docs/board-report.md): choose the term, then download the
// printable HTML page or its PDF. Both are fetched with the app's own credentials and saved as
// files (api/download.ts: a plain link could not carry the token); a refusal (the hourly limit,
// the PDF printer busy or missing, the sign-in ended) is shown in the page in the server's words.
import { useId, useState } from 'react';
import { DownloadError, downloadFile } from '../api/download';
import { DownloadFailure } from '../components/download-failure';
import { TrustPicker, useTrustChoice } from '../components/trust-choice';

type Season = 'autumn' | 'spring' | 'summer';

interface Term {
  label: string;
  title: string;
}

/** The term a day falls in and the five before it (autumn Sep-Dec, spring Jan-Mar, summer Apr-Aug; server/domain/school-term.ts). */
export function recentTerms(now = new Date(), count = 6): Term[] {
  const month = now.getMonth();
  let year = now.getFullYear();
  let season: Season = month >= 8 ? 'autumn' : month <= 2 ? 'spring' : 'summer';
  const terms: Term[] = [];
  for (let i = 0; i < count; i += 1) {
    const schoolYear = season === 'autumn' ? year : year - 1;
    terms.push({ label: `${year}-${season}`, title: `${season[0]!.toUpperCase()}${season.slice(1)} term ${year} (${schoolYear}/${String((schoolYear + 1) % 100).padStart(2, '0')})` });
    if (season === 'summer') season = 'spring';
    else if (season === 'spring') [season, year] = ['autumn', year - 1];
    else season = 'summer';
  }
  return terms;
}

type Status = { kind: 'idle' } | { kind: 'working'; what: string } | { kind: 'done'; file: string } | { kind: 'failed'; error: DownloadError | Error };

export default function BoardReportPage() {
  const termId = useId();
  const terms = recentTerms();
  const [term, setTerm] = useState(terms[0]!.label);
  const [chosen, setChosen] = useState<string | null>(null);
  const choice = useTrustChoice(chosen);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  async function get(format: 'html' | 'pdf') {
    // While one is being made the buttons say so (aria-disabled) but stay focusable: a disabled
    // button drops the keyboard focus to the page's start just as the message arrives.
    if (!choice.trustId || status.kind === 'working') return;
    setStatus({ kind: 'working', what: format === 'pdf' ? 'Making the PDF (a few seconds)…' : 'Preparing the report…' });
    try {
      const file = await downloadFile({
        path: format === 'pdf' ? '/reports/board.pdf' : '/reports/board',
        query: { trustId: choice.trustId, term },
        fallbackName: `board-report-${term}.${format}`,
      });
      setStatus({ kind: 'done', file });
    } catch (error) {
      setStatus({ kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  return (
    <div className="page page-narrow">
      <h1>Board report</h1>
      <p className="lede">
        The trust's report to its board for one term: support delivered by hub and by area, its impact, support beyond the trust, and the maturity summary, with charts. The HTML page prints
        well (use the browser's Print); the PDF is the same page.
      </p>
      <TrustPicker choice={choice} onChoose={setChosen} />
      <form
        className="form-card"
        onSubmit={(e) => {
          e.preventDefault();
          void get('html');
        }}
      >
        <div className="field">
          <label htmlFor={termId}>Term</label>
          <select id={termId} value={term} onChange={(e) => setTerm(e.target.value)}>
            {terms.map((t) => (
              <option key={t.label} value={t.label}>
                {t.title}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" disabled={!choice.trustId} aria-disabled={status.kind === 'working'}>
            Download the report (HTML)
          </button>
          <button type="button" className="button-secondary" disabled={!choice.trustId} aria-disabled={status.kind === 'working'} onClick={() => void get('pdf')}>
            Download the PDF
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {status.kind === 'working' ? <p className="state state-loading">{status.what}</p> : null}
        {status.kind === 'done' ? <p className="notice notice-success">Downloaded {status.file}.</p> : null}
      </div>
      {status.kind === 'failed' ? <DownloadFailure error={status.error} /> : null}
    </div>
  );
}
