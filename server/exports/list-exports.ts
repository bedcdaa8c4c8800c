// CSV exports of the lists (docs/exports.md): GET /exports/deployments.csv, /exports/needs.csv
// and /exports/plan.csv, with the lists' filters as query parameters. The same caller sees
// the same rows as through GraphQL: the rows come from the same read services, page by page
// (services/read/pages.ts), so a 50,000-row file is never held in memory.
//
// Who is calling: a bearer token (GET or POST), or the web app's session cookie on a POST
// with a JSON body of the same parameters from the service's own pages (the cookie's CSRF
// rule, server/auth/request-auth.ts).
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Store } from 'express-rate-limit';
import type { RequestAuthenticator } from '../auth/request-auth';
import type { Viewer } from '../auth/viewer';
import type { DeploymentStatus } from '../domain/enums';
import { DomainError } from '../domain/errors';
import type { ExpertiseArea } from '../domain/taxonomy';
import type { Logger } from '../logger';
import { sendGraphQLError } from '../security/graphql-errors';
import { decodeIds, PLAN_ALLOCATION_IDS } from '../../schema/ids';
import { previewAllocation } from '../services/allocation';
import { checkDateFilter, type DeploymentListFilter } from '../services/deployment-scope';
import { type DeploymentOrder, listDeployments } from '../services/read/deployments';
import { listNeeds, type NeedListFilter, type NeedOrder } from '../services/read/needs';
import { pagesOf } from '../services/read/pages';
import { recordsByIds } from '../services/read/records';
import type { AcademyDoc, DeploymentDoc, NeedDoc } from '../db/store';
import { AREA_VALUES, DEPLOYMENT_STATUS_VALUES, ExportParams, NEED_STATUS_VALUES, PHASE_VALUES, type RawParams, SEVERITY_VALUES } from './export-params';
import { type CsvColumn, DEPLOYMENT_COLUMNS, NEED_COLUMNS, PLAN_COLUMNS, type PlanRow, type WithAcademy } from './csv-columns';
import { callerOf, identifyCaller, perPersonLimit } from './per-person-limit';
import { streamCsv } from './stream-csv';

const DEPLOYMENT_PARAMS = ['trustId', 'clusterId', 'hubId', 'academyId', 'receivingAcademyId', 'supporterAcademyId', 'staffId', 'needId', 'status', 'area', 'schoolYear', 'from', 'to', 'orderBy'];
const NEED_PARAMS = ['trustId', 'clusterId', 'hubId', 'academyId', 'status', 'area', 'phase', 'severity', 'orderBy'];
const PLAN_PARAMS = ['trustId', 'clusterId', 'hubId', 'needIds', 'supportersFrom', 'budget', 'schoolYear'];

/** `clusterId`, or `hubId` (the name people use); not both. */
function hubOf(p: ExportParams): string | null {
  const cluster = p.id('clusterId', 'Cluster');
  const hub = p.id('hubId', 'Cluster');
  if (cluster !== null && hub !== null) throw new ParamError('give clusterId or hubId, not both (they are the same filter)', 'hubId');
  return cluster ?? hub;
}

class ParamError extends DomainError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, readonly argument: string) {
    super(message);
  }
}

export function deploymentExportFilter(raw: RawParams): { filter: DeploymentListFilter; order: DeploymentOrder } {
  const p = new ExportParams(raw, '/exports/deployments.csv', DEPLOYMENT_PARAMS);
  const filter: DeploymentListFilter = {
    trustId: p.id('trustId', 'Trust'),
    clusterId: hubOf(p),
    academyId: p.id('academyId', 'Academy'),
    receivingAcademyId: p.id('receivingAcademyId', 'Academy'),
    supporterAcademyId: p.id('supporterAcademyId', 'Academy'),
    staffId: p.id('staffId', 'StaffMember'),
    needId: p.id('needId', 'ImprovementNeed'),
    status: p.enumList<DeploymentStatus>('status', DEPLOYMENT_STATUS_VALUES),
    area: p.enumOne<ExpertiseArea>('area', AREA_VALUES),
    schoolYear: p.one('schoolYear'),
    from: p.date('from'),
    to: p.date('to'),
  };
  checkDateFilter(filter, 'filter');
  const order = p.enumOne<DeploymentOrder>('orderBy', ['WAITING_LONGEST', 'RECENTLY_CHANGED']) ?? 'WAITING_LONGEST';
  return { filter, order };
}

export function needExportFilter(raw: RawParams): { filter: NeedListFilter; order: NeedOrder } {
  const p = new ExportParams(raw, '/exports/needs.csv', NEED_PARAMS);
  const filter: NeedListFilter = {
    trustId: p.id('trustId', 'Trust'),
    clusterId: hubOf(p),
    academyId: p.id('academyId', 'Academy'),
    statuses: p.enumList('status', NEED_STATUS_VALUES),
    area: p.enumOne('area', AREA_VALUES),
    phase: p.enumOne('phase', PHASE_VALUES),
    severity: p.enumOne('severity', SEVERITY_VALUES),
  };
  return { filter, order: p.enumOne<NeedOrder>('orderBy', ['PRIORITY', 'RAISED_AT', 'NEWEST']) ?? 'PRIORITY' };
}

/** Each page with the receiving (or need's) school loaded in one batch, for its name and URN. */
async function* withAcademies<T>(pages: AsyncIterable<T[]>, academyIdOf: (row: T) => string): AsyncGenerator<WithAcademy<T>[]> {
  for await (const page of pages) {
    const academies = await recordsByIds('academies', [...new Set(page.map(academyIdOf))]);
    const byId = new Map(academies.filter((a): a is AcademyDoc => a !== null).map((a) => [a._id.toString(), a]));
    yield page.map((row) => ({ row, academy: byId.get(academyIdOf(row)) ?? null }));
  }
}

/** The first page before any header is sent: a refusal or bad filter is then a plain error answer, not a cut-off file. */
async function prefetched<T>(source: AsyncGenerator<T>): Promise<AsyncIterable<T>> {
  const first = await source.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* source;
  })();
}

type Exporter = (viewer: Viewer, raw: RawParams) => Promise<{ columns: readonly CsvColumn<any>[]; batches: AsyncIterable<readonly unknown[]> }>;

const exportDeployments: Exporter = async (viewer, raw) => {
  const { filter, order } = deploymentExportFilter(raw);
  const pages = pagesOf<DeploymentDoc>(listDeployments(viewer, filter, order));
  return { columns: DEPLOYMENT_COLUMNS, batches: await prefetched(withAcademies(pages, (d) => d.receivingAcademyId.toString())) };
};

const exportNeeds: Exporter = async (viewer, raw) => {
  const { filter, order } = needExportFilter(raw);
  const pages = pagesOf<NeedDoc>(listNeeds(viewer, filter, order));
  return { columns: NEED_COLUMNS, batches: await prefetched(withAcademies(pages, (n) => n.academyId.toString())) };
};

/** planAllocation's input (PlanAllocationInput, the same names) from the plan export's parameters; the service checks the values. */
export function planExportInput(raw: RawParams): { input: Record<string, unknown>; hubNamed: boolean } {
  const p = new ExportParams(raw, '/exports/plan.csv', PLAN_PARAMS);
  const clusterId = p.one('clusterId');
  const hubId = p.one('hubId');
  if (clusterId !== null && hubId !== null) throw new ParamError('give clusterId or hubId, not both (they are the same input)', 'hubId');
  const needIds = p.list('needIds');
  const input = {
    trustId: p.one('trustId'),
    clusterId: clusterId ?? hubId,
    needIds: needIds.length ? needIds : null,
    supportersFrom: p.enumOne('supportersFrom', ['SAME_TRUST', 'ANYWHERE']) ?? undefined,
    budget: p.wholeNumber('budget'),
    schoolYear: p.one('schoolYear'),
  };
  return { input, hubNamed: hubId !== null };
}

/** The plan planAllocation previews for the same input (a trust's or hub's open needs), one row per assignment. */
const exportPlan: Exporter = async (viewer, raw) => {
  const { input, hubNamed } = planExportInput(raw);
  const outcome = await previewAllocation(viewer, decodeIds(input, PLAN_ALLOCATION_IDS));
  if (!outcome.ok) {
    const [first] = outcome.userErrors;
    // The parameter as the caller named it.
    const field = first?.field?.[0] ?? 'trustId';
    throw new ParamError(outcome.userErrors.map((e) => e.message).join('; '), field === 'clusterId' && hubNamed ? 'hubId' : field);
  }
  const view = outcome.value;
  const rows: PlanRow[] = view.plan.assignments.map((a) => ({ assignment: a, need: view.needs.get(a.needId) ?? null }));
  // The plan is computed whole by the solver (its size is the trust's, bounded by the planner);
  // it is written in pages like the lists.
  async function* batches() {
    for (let i = 0; i < rows.length; i += 500) yield rows.slice(i, i + 500);
  }
  return { columns: PLAN_COLUMNS, batches: batches() };
};

const HTTP_STATUS: Record<string, number> = { BAD_USER_INPUT: 400, FORBIDDEN: 403, UNAUTHENTICATED: 401, NOT_FOUND: 404, CONFLICT: 409 };

export interface ListExportLimits {
  /** CSV exports per person per hour, the three files counted together (CSV_EXPORTS_PER_HOUR); 0: no limit. */
  perHour: number;
  /** Where the counts live (the database with MongoDB); unset: this process's memory. */
  store?: Store | undefined;
}

export function listExportRoutes(authenticate: RequestAuthenticator, logger: Logger, limits: ListExportLimits): express.Router {
  const router = express.Router();
  const identify = identifyCaller(authenticate);
  // One budget for the three files: each walks a whole list or solves a plan.
  const limit = perPersonLimit({ perHour: limits.perHour, store: limits.store, logger, what: 'Too many CSV exports', note: 'Files already downloaded are complete.' });
  const route = (path: string, filename: string, exporter: Exporter) => {
    const handler: RequestHandler = (req, res) => {
      void run(req, res, filename, exporter);
    };
    router.get(path, identify, limit, handler);
    router.post(path, identify, limit, express.json({ limit: '16kb' }), handler);
  };

  async function run(req: Request, res: Response, filename: string, exporter: Exporter): Promise<void> {
    try {
      const outcome = callerOf(res);
      if (outcome.kind !== 'authenticated') {
        const reason = outcome.kind === 'rejected' ? outcome.reason : 'send Authorization: Bearer <token>, or sign in';
        return sendGraphQLError(res, 401, 'UNAUTHENTICATED', `Not authenticated: ${reason}. Exports need the same sign-in as the API.`);
      }
      const raw: RawParams = req.method === 'POST' ? bodyParams(req.body) : (req.query as RawParams);
      const { columns, batches } = await exporter(outcome.viewer, raw);
      res.status(200).set({ 'content-type': 'text/csv; charset=utf-8; header=present', 'content-disposition': `attachment; filename="${filename}"` });
      await streamCsv(res, columns, batches as AsyncIterable<readonly unknown[]>);
      logger.info({ sub: outcome.viewer.sub, export: filename }, 'csv export');
    } catch (error) {
      if (error instanceof DomainError) {
        const argument = (error as { argument?: string }).argument;
        return sendGraphQLError(res, HTTP_STATUS[error.code] ?? 400, error.code, error.message, argument ? { argument } : {});
      }
      logger.error({ err: error }, 'csv export failed');
      // Once the file has begun, cut the connection: a client must not take a short file for a whole one.
      if (res.headersSent) res.destroy(error instanceof Error ? error : undefined);
      else sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'The export failed; try again.');
    }
  }

  route('/exports/deployments.csv', 'deployments.csv', exportDeployments);
  route('/exports/needs.csv', 'needs.csv', exportNeeds);
  route('/exports/plan.csv', 'plan.csv', exportPlan);
  return router;
}

function bodyParams(body: unknown): RawParams {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) throw new ParamError('the body must be a JSON object of the export parameters', 'body');
  return body as RawParams;
}

