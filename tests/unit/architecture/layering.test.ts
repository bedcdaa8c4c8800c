// The layers of docs/architecture.md, held: every import in server/ and schema/ is read, and
// an import a layer may not make fails this test with the file, the import and the rule.
// (A new directory under server/ fails too until the table below says where it sits.)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

type Layer =
  | 'domain'
  | 'ranking'
  | 'allocation'
  | 'maturity'
  | 'models'
  | 'db'
  | 'auth'
  | 'services'
  | 'import'
  | 'schema'
  | 'platform'
  | 'transport';

/** Which layer a file belongs to, from its path. */
function layerOf(path: string): Layer {
  const rel = relative(ROOT, path).split('\\').join('/');
  if (rel.startsWith('schema/')) return 'schema';
  // Authenticating a request (bearer tokens, OpenID Connect sign-in, session cookies) is part
  // of the HTTP transport: it looks people up in the directory (a service) and reads config.
  if (rel.startsWith('server/auth/oidc/') || rel === 'server/auth/request-auth.ts') return 'transport';
  // The logger: a leaf any layer below the API may use.
  if (rel === 'server/logger.ts') return 'platform';
  // The email worker's loop and its settings (read with the rest of the configuration).
  if (rel === 'server/notifications/runner.ts' || rel === 'server/notifications/settings.ts') return 'transport';
  const match = /^server\/([^/]+)\//.exec(rel);
  const dir = match?.[1];
  switch (dir) {
    case 'domain':
    case 'ranking':
    case 'allocation':
    case 'maturity':
    case 'models':
    case 'db':
    case 'auth':
    case 'services':
    case 'import':
      return dir;
    // Email notifications and calendar feeds: use cases beside the services.
    case 'notifications':
    case 'calendar':
      return 'services';
    case 'security':
    case 'exports': // HTTP routes (subject access export)
    case undefined: // server/app.ts, main.ts, config.ts...: the process and its HTTP transport
      return 'transport';
    default:
      throw new Error(`${rel}: server/${dir}/ is not placed in a layer (tests/unit/architecture/layering.test.ts, docs/architecture.md)`);
  }
}

/** The layers each layer may import (besides itself). */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  // Names, enums, errors: depends on nothing.
  domain: [],
  // The pure core: plain data in, explained data out.
  ranking: ['domain'],
  allocation: ['domain', 'ranking'],
  // The maturity tool's proposed stages (Steps 6, 8, 9): pure as well.
  maturity: ['domain'],
  // Database schemas.
  models: ['domain'],
  // Reading the collections (stores, copies, ranking facts): never services or the API.
  db: ['domain', 'ranking', 'models', 'platform'],
  // Tokens, viewers and policy.
  auth: ['domain', 'models'],
  // The use cases: reads through db/, writes through models/.
  services: ['domain', 'ranking', 'allocation', 'maturity', 'models', 'db', 'auth', 'platform'],
  // Commands writing beside the server (GIAS and staff imports).
  import: ['domain', 'ranking', 'models', 'db', 'auth', 'services', 'platform'],
  // The GraphQL API: services, domain types and its own helpers; never models or db/.
  schema: ['domain', 'ranking', 'allocation', 'maturity', 'auth', 'services'],
  platform: ['domain'],
  transport: ['domain', 'ranking', 'allocation', 'maturity', 'models', 'db', 'auth', 'services', 'import', 'schema', 'platform'],
};

/** Packages a layer must not use: GraphQL stays in the schema and transport, mongoose below the services. */
const FORBIDDEN_PACKAGES: Partial<Record<Layer, readonly string[]>> = {
  domain: ['mongoose', 'graphql', '@pothos', 'graphql-yoga', 'zod'],
  ranking: ['mongoose', 'graphql', '@pothos', 'graphql-yoga'],
  allocation: ['mongoose', 'graphql', '@pothos', 'graphql-yoga'],
  maturity: ['mongoose', 'graphql', '@pothos', 'graphql-yoga'],
  models: ['graphql', '@pothos', 'graphql-yoga'],
  db: ['graphql', '@pothos', 'graphql-yoga'],
  auth: ['graphql', '@pothos', 'graphql-yoga'],
  platform: ['graphql', '@pothos', 'graphql-yoga', 'mongoose'],
  services: ['graphql', '@pothos', 'graphql-yoga'],
  import: ['graphql', '@pothos', 'graphql-yoga'],
  schema: ['mongoose'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module a file imports, as written. */
export function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(IMPORT)) specs.push((m[1] ?? m[2] ?? m[3])!);
  return specs;
}

/** The file a relative import names (a .ts file, or a directory's index.ts). */
function resolveRelative(from: string, spec: string): string {
  const base = resolve(dirname(from), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  throw new Error(`${relative(ROOT, from)}: cannot resolve ${spec}`);
}

const packageName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

/** Every import a layer may not make, as "file: import (rule)". */
export function violations(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const layer = layerOf(file);
    const rel = relative(ROOT, file);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) {
        const target = resolveRelative(file, spec);
        const inRepo = relative(ROOT, target);
        if (!inRepo.startsWith('server/') && !inRepo.startsWith('schema/')) {
          if (layer !== 'transport') found.push(`${rel}: imports ${spec} (only the transport may reach outside server/ and schema/)`);
          continue;
        }
        const targetLayer = layerOf(target);
        if (targetLayer !== layer && !MAY_IMPORT[layer].includes(targetLayer)) found.push(`${rel}: imports ${spec} (${layer} may not import ${targetLayer})`);
      } else {
        const name = packageName(spec);
        const forbidden = FORBIDDEN_PACKAGES[layer] ?? [];
        if (forbidden.some((p) => name === p || name.startsWith(`${p}/`))) found.push(`${rel}: imports ${spec} (${layer} may not use ${name})`);
      }
    }
  }
  return found;
}

/** Mongoose model methods that only read: a service asks the store (server/db/store) instead. */
const MODEL_READS = ['find', 'findById', 'findOne', 'countDocuments', 'estimatedDocumentCount', 'aggregate', 'exists', 'distinct'];
const MODEL_READ = new RegExp(`\\b([A-Za-z_$][\\w$]*)\\.(${MODEL_READS.join('|')})\\(`, 'g');
const NAMED_IMPORT = /(?:^|\n)\s*import\s+(type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g;

/**
 * Every read a service makes through a mongoose model, as "file: Model.method(": the names it
 * imports (as values) from server/models/, and any `model` it was handed, called with a read
 * method. Writes (create, updateOne, findOneAndUpdate, bulkWrite...) stay on the models.
 */
export function modelReadsIn(file: string, source: string): string[] {
  const models = new Set<string>(['model']);
  for (const m of source.matchAll(NAMED_IMPORT)) {
    if (m[1] || !m[3]!.startsWith('.')) continue;
    const target = relative(ROOT, resolve(dirname(file), m[3]!)).split('\\').join('/');
    if (!target.startsWith('server/models/')) continue;
    for (const part of m[2]!.split(',')) {
      const name = part.trim();
      if (name && !name.startsWith('type ')) models.add(name.split(/\s+as\s+/).pop()!.trim());
    }
  }
  const found: string[] = [];
  for (const m of source.matchAll(MODEL_READ)) if (models.has(m[1]!)) found.push(`${relative(ROOT, file)}: ${m[1]}.${m[2]}( (services read through the stores, server/db/store)`);
  return found;
}

/** The functions that turn a global ID into a record id (server/auth/global-id.ts). */
const ID_DECODERS = new Set(['decodeGlobalId', 'decodeIdOfType']);

/**
 * Every global-ID decoder a file imports, as "file: name": the services take raw ids or
 * references decoded at the schema boundary (schema/ids.ts), never global IDs to decode.
 */
export function idDecodersIn(file: string, source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(NAMED_IMPORT)) {
    if (!m[3]!.startsWith('.')) continue;
    const target = relative(ROOT, resolve(dirname(file), m[3]!)).split('\\').join('/');
    if (target !== 'server/auth/global-id') continue;
    for (const part of m[2]!.split(',')) {
      const name = part.trim().split(/\s+as\s+/)[0]!.trim();
      if (ID_DECODERS.has(name)) found.push(`${relative(ROOT, file)}: ${name} (global IDs are decoded at the schema boundary, schema/ids.ts)`);
    }
  }
  return found;
}

describe('layering (docs/architecture.md)', () => {
  const files = [...sourceFiles(join(ROOT, 'server')), ...sourceFiles(join(ROOT, 'schema'))];

  it('reads the imports of every file in server/ and schema/', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(importsOf("import { a } from './a';\nimport type { B } from \"../b\";\nexport { c } from './c';\nimport './side-effect';\nconst m = import('./lazy');")).toEqual([
      './a',
      '../b',
      './c',
      './side-effect',
      './lazy',
    ]);
  });

  it('has no import that breaks the layering', () => {
    expect(violations(files)).toEqual([]);
  });

  it('has no service reading through a model (reads go through the stores; writes stay on the models)', () => {
    // Every file of the services layer: server/services/, and the use cases beside it in
    // server/notifications/ (but the worker loop and its settings) and server/calendar/.
    const services = files.filter((file) => layerOf(file) === 'services');
    const inDir = (dir: string) => services.filter((file) => relative(ROOT, file).split('\\').join('/').startsWith(dir)).length;
    expect(inDir('server/services/')).toBeGreaterThan(30);
    expect(inDir('server/notifications/')).toBeGreaterThan(10);
    expect(inDir('server/calendar/')).toBeGreaterThan(1);
    expect(services.flatMap((file) => modelReadsIn(file, readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('has no service decoding a global ID (decoded at the schema boundary)', () => {
    const services = files.filter((file) => layerOf(file) === 'services');
    expect(services.flatMap((file) => idDecodersIn(file, readFileSync(file, 'utf8')))).toEqual([]);
    // It notices one, and lets a service encode IDs (the messages it writes name records).
    const probe = join(ROOT, 'server/calendar/feeds.ts');
    expect(idDecodersIn(probe, "import { decodeIdOfType, encodeGlobalId } from '../auth/global-id';")).toEqual([expect.stringContaining('decodeIdOfType')]);
    expect(idDecodersIn(probe, "import { encodeGlobalId } from '../auth/global-id';")).toEqual([]);
  });

  it('notices a service reading through a model, and lets it write through one', () => {
    const file = join(ROOT, 'server/services/needs.ts');
    const reads = (source: string) => modelReadsIn(file, source).map((line) => line.split(': ')[1]!.split(' ')[0]);
    const imports = "import { Academy, type AcademyRecord } from '../models/academy';\nimport { ImprovementNeed as Need } from '../models/improvement-need';\n";
    expect(reads(`${imports}const a = await Academy.findById(id).lean();`)).toEqual(['Academy.findById(']);
    expect(reads(`${imports}const n = await Need.countDocuments({});\nawait Need.exists({ _id });`)).toEqual(['Need.countDocuments(', 'Need.exists(']);
    expect(reads(`${imports}await holder.model.findById(id);`)).toEqual(['model.findById(']);
    // Writes, and reads through the stores, pass.
    expect(reads(`${imports}await Academy.updateOne({ _id }, { $set: s });\nawait Need.findOneAndUpdate({ _id }, u);\nawait Academy.create(d);`)).toEqual([]);
    expect(reads(`${imports}import { stores } from '../db/store';\nawait stores.academies.fresh.get(id);\nawait stores.needs.find({});`)).toEqual([]);
    // A name not imported from the models is not a model (an array's find).
    expect(reads("const x = items.find((i) => i.ok);")).toEqual([]);
    // The same rule in server/notifications/ and server/calendar/ (services too).
    const notifications = join(ROOT, 'server/notifications/preferences.ts');
    const settings = "import { EmailPreference } from '../models/email-settings';\n";
    expect(modelReadsIn(notifications, `${settings}await EmailPreference.findOne({ emailKey }).lean();`)).toEqual([expect.stringContaining('EmailPreference.findOne(')]);
    expect(layerOf(notifications)).toBe('services');
    expect(layerOf(join(ROOT, 'server/calendar/feeds.ts'))).toBe('services');
  });

  it('notices an import that breaks it (a resolver reading a model, a service using GraphQL)', () => {
    const probe = (path: string, source: string) => {
      const file = join(ROOT, path);
      const layer = layerOf(file);
      return importsOf(source).flatMap((spec) => {
        if (!spec.startsWith('.')) return (FORBIDDEN_PACKAGES[layer] ?? []).includes(packageName(spec)) ? [spec] : [];
        const targetLayer = layerOf(resolve(dirname(file), spec) + '/x.ts');
        return targetLayer === layer || MAY_IMPORT[layer].includes(targetLayer) ? [] : [spec];
      });
    };
    expect(probe('schema/types/academy.ts', "import { Academy } from '../../server/models/academy';")).toEqual(['../../server/models/academy']);
    expect(probe('schema/types/academy.ts', "import { stores } from '../../server/db/store';")).toEqual(['../../server/db/store']);
    expect(probe('server/services/needs.ts', "import { GraphQLError } from 'graphql';")).toEqual(['graphql']);
    expect(probe('server/ranking/score.ts', "import { Academy } from '../models/academy';")).toEqual(['../models/academy']);
    expect(probe('server/db/store/index.ts', "import { listNeeds } from '../../services/read/needs';")).toEqual(['../../services/read/needs']);
    expect(probe('schema/types/academy.ts', "import { listAcademies } from '../../server/services/read/academies';")).toEqual([]);
  });
});
