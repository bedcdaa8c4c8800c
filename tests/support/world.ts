// Builds records through the real API, as a client would, for scenario tests.
import type { TestApi } from './test-api';

export async function must<T = any>(api: TestApi, query: string, variables: Record<string, unknown>, token: string | null, payloadField: string): Promise<T> {
  const res = await api.gql(query, variables, { token });
  if (res.errors) throw new Error(`${payloadField}: ${JSON.stringify(res.errors)}`);
  const payload = res.data[payloadField];
  if (payload.userErrors?.length) throw new Error(`${payloadField}: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

export const CREATE_TRUST = `mutation ($input: CreateTrustInput!) { createTrust(input: $input) { trust { id name } userErrors { field message code } } }`;
export const UPSERT_ACADEMY = `mutation ($input: UpsertAcademyInput!) {
  upsertAcademy(input: $input) {
    academy { id urn name phase ofstedRating fsmPercent pupils postcode latitude longitude trust { id } cluster { id } }
    userErrors { field message code }
  }
}`;
export const CREATE_CLUSTER = `mutation ($input: CreateClusterInput!) {
  createCluster(input: $input) {
    cluster { id name leadAcademy { id } memberAcademies { id name } memberCount sizeWithinNorm trust { id } }
    warnings
    userErrors { field message code }
  }
}`;
export const CREATE_STAFF = `mutation ($input: CreateStaffMemberInput!) {
  createStaffMember(input: $input) {
    staffMember { id name email role capacityDays remainingDays maxTravelKm homeAcademy { id } designations expertise { area level phases evidence } safeguardingCheckExpiresOn }
    userErrors { field message code }
  }
}`;
export const RAISE_NEED = `mutation ($input: RaiseNeedInput!) {
  raiseNeed(input: $input) {
    need { id area phase severity status daysRequested daysCovered priority priorityFactors { name weight value contribution detail } academy { id } }
    userErrors { field message code }
  }
}`;

let urnCounter = 100000;
export function nextUrn(): string {
  urnCounter += 1;
  return String(urnCounter);
}

export interface AcademyOptions {
  name?: string;
  phase?: string;
  ofstedRating?: string;
  fsmPercent?: number | null;
  latitude?: number;
  longitude?: number;
  trustId?: string | null;
}

export async function createTrust(api: TestApi, admin: string, name: string): Promise<string> {
  return (await must(api, CREATE_TRUST, { input: { name } }, admin, 'createTrust')).trust.id;
}

export async function createAcademy(api: TestApi, admin: string, options: AcademyOptions = {}): Promise<string> {
  const urn = nextUrn();
  const payload = await must(
    api,
    UPSERT_ACADEMY,
    {
      input: {
        urn,
        name: options.name ?? `Academy ${urn}`,
        phase: options.phase ?? 'PRIMARY',
        ofstedRating: options.ofstedRating ?? 'GOOD',
        fsmPercent: options.fsmPercent === undefined ? 20 : options.fsmPercent,
        pupils: 300,
        postcode: 'PL31 1EZ',
        latitude: options.latitude ?? 50.47,
        longitude: options.longitude ?? -4.72,
        trustId: options.trustId ?? null,
      },
    },
    admin,
    'upsertAcademy',
  );
  return payload.academy.id;
}

let emailCounter = 0;
export async function createStaff(api: TestApi, admin: string, homeAcademyId: string, extra: Record<string, unknown> = {}): Promise<any> {
  emailCounter += 1;
  const payload = await must(
    api,
    CREATE_STAFF,
    {
      input: {
        name: `Staff Member ${emailCounter}`,
        email: `staff.${emailCounter}@example.org.uk`,
        role: 'MIDDLE_LEADER',
        homeAcademyId,
        capacityDays: 10,
        expertise: [{ area: 'MATHS', level: 'EXPERT', phases: ['PRIMARY'], evidence: 'KS2 maths up 12 points' }],
        ...extra,
      },
    },
    admin,
    'createStaffMember',
  );
  return payload.staffMember;
}

export async function raiseNeed(api: TestApi, token: string, academyId: string, extra: Record<string, unknown> = {}): Promise<any> {
  const payload = await must(
    api,
    RAISE_NEED,
    { input: { academyId, area: 'MATHS', phase: 'PRIMARY', severity: 'HIGH', description: 'KS2 maths outcomes well below national', daysRequested: 6, ...extra } },
    token,
    'raiseNeed',
  );
  return payload.need;
}
