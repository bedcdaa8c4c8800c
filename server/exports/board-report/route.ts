// GET (or POST) /reports/board?trustId=<Trust ID>&term=2026-autumn: the trust's termly board
// report as printable HTML; /reports/board.pdf the same as a PDF. A bearer token, or the
// browser session with a POST from the service's own pages (the session cookie's CSRF rule,
// docs/security.md), as for the other exports. The trust's improvement lead and ADMIN.
import express, { type RequestHandler } from 'express';
import type { Store } from 'express-rate-limit';
import { decodeIdOfType } from '../../auth/global-id';
import type { RequestAuthenticator } from '../../auth/request-auth';
import { DomainError, InvalidInputError, NotFoundError } from '../../domain/errors';
import type { Logger } from '../../logger';
import { sendGraphQLError } from '../../security/graphql-errors';
import { boardReport } from '../../services/board-report';
import { equityLedger } from '../../services/equity/ledger';
import { equitySectionOf } from './equity';
import { BOARD_REPORT_STYLE_HASH, renderBoardReport } from './html';
import { callerOf, identifyCaller, perPersonLimit } from '../per-person-limit';
import { PdfUnavailableError, printToPdf } from './pdf';
import { PrintAbandonedError, PrintQueue, PrintQueueFullError } from './print-queue';

/** Nothing loads but the page's own style block; no script at all. */
const REPORT_CSP = `default-src 'none'; style-src ${BOARD_REPORT_STYLE_HASH}; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function param(req: express.Request, name: string): string | null {
  const value = req.query[name];
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

const STATUS: Record<string, number> = { FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400, UNAUTHENTICATED: 401 };

export interface BoardReportOptions {
  /** The Chromium that prints PDFs; null: PDFs answer 503 PDF_UNAVAILABLE. */
  chromiumPath: string | null;
  /** HTML reports per person per hour (BOARD_REPORTS_PER_HOUR); 0: no limit. */
  htmlPerHour: number;
  /** PDF reports per person per hour (BOARD_REPORT_PDFS_PER_HOUR); 0: no limit. */
  pdfPerHour: number;
  /** PDFs that may wait while one prints (PDF_QUEUE_LIMIT). */
  pdfQueueLimit: number;
  /** A database store per limit (MongoDB); unset: this process's memory. */
  storeFor?: ((prefix: string) => Store) | undefined;
}

export function boardReportRoutes(authenticate: RequestAuthenticator, logger: Logger, options: BoardReportOptions): express.Router {
  const router = express.Router();
  const { chromiumPath } = options;
  const identify = identifyCaller(authenticate);
  const htmlLimit = perPersonLimit({ perHour: options.htmlPerHour, store: options.storeFor?.('board-reports:'), logger, what: 'Too many board reports' });
  // Tighter: each PDF starts a Chromium.
  const pdfLimit = perPersonLimit({ perHour: options.pdfPerHour, store: options.storeFor?.('board-report-pdfs:'), logger, what: 'Too many board report PDFs' });
  const printer = new PrintQueue(options.pdfQueueLimit);
  const handler =
    (format: 'html' | 'pdf'): RequestHandler =>
    (req, res, next) => {
      Promise.resolve(callerOf(res))
        .then(async (outcome) => {
          if (outcome.kind !== 'authenticated') {
            const reason = outcome.kind === 'rejected' ? outcome.reason : 'send Authorization: Bearer <token>, or sign in';
            return sendGraphQLError(res, 401, 'UNAUTHENTICATED', `Not authenticated: ${reason}`);
          }
          const rawTrust = param(req, 'trustId');
          const term = param(req, 'term');
          if (!rawTrust) throw new InvalidInputError('trustId is required: the ID of the trust (?trustId=…)', 'trustId');
          if (!term) throw new InvalidInputError('term is required: the calendar year and season, e.g. ?term=2026-autumn', 'term');
          const trustId = decodeIdOfType(rawTrust, 'Trust');
          if (!trustId) throw new NotFoundError('trustId: no trust with this ID exists', 'trustId');
          const report = await boardReport(outcome.viewer, trustId, term);
          // The equity ledger of the term's school year, for the whole trust.
          const ledger = await equityLedger({ trustId, schoolYear: report.term.schoolYear.label }, outcome.viewer);
          const html = renderBoardReport(report, { equityLedger: equitySectionOf(ledger) });
          const file = `board-report-${report.trust.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'trust'}-${report.term.label}`;
          if (format === 'html') {
            res
              .status(200)
              .set({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': REPORT_CSP, 'content-disposition': `inline; filename="${file}.html"` })
              .send(html);
          } else {
            // A client that goes away while waiting leaves the line: no print for nobody.
            const clientGone = new AbortController();
            res.on('close', () => {
              if (!res.writableFinished) clientGone.abort();
            });
            if (printer.busy) logger.info({ waiting: printer.waitingCount + 1 }, 'a PDF request waits for the printer');
            const pdf = await printer.run(() => printToPdf(html, chromiumPath), clientGone.signal);
            res.status(200).set({ 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${file}.pdf"` }).send(pdf);
          }
          logger.info({ sub: outcome.viewer.sub, trustId, term, format }, 'board report');
        })
        .catch((error: unknown) => {
          if (error instanceof PrintAbandonedError) return logger.info({ path: req.path }, 'a PDF request left the print queue: its client went away');
          if (error instanceof PdfUnavailableError) return sendGraphQLError(res, 503, 'PDF_UNAVAILABLE', error.message);
          if (error instanceof PrintQueueFullError) return sendGraphQLError(res.set('retry-after', '60'), 503, 'PDF_BUSY', error.message);
          if (error instanceof DomainError) {
            const argument = error instanceof InvalidInputError || error instanceof NotFoundError ? error.argument : undefined;
            return sendGraphQLError(res, STATUS[error.code] ?? 400, error.code, error.message, argument ? { argument } : {});
          }
          next(error);
        });
    };
  router.get('/reports/board', identify, htmlLimit, handler('html'));
  router.post('/reports/board', identify, htmlLimit, handler('html'));
  router.get('/reports/board.pdf', identify, pdfLimit, handler('pdf'));
  router.post('/reports/board.pdf', identify, pdfLimit, handler('pdf'));
  return router;
}
