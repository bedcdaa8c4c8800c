// The one place that decides where a ranking's facts come from: the in-process copies when
// they are in use on this connection (FerretDB), else the database.
import { Academy } from '../../models/academy';
import { Deployment } from '../../models/deployment';
import { ImprovementNeed } from '../../models/improvement-need';
import { StaffMember } from '../../models/staff-member';
import { readCopy } from '../read-cache';
import type { AcademyDoc, DeploymentDoc, NeedDoc, StaffDoc } from '../store';
import { copyFacts } from './copies';
import { databaseFacts } from './database';
import type { RankingFacts } from './types';

/** The facts for one ranking (or one check at proposal time), as they stand now. */
export async function rankingFacts(): Promise<RankingFacts> {
  const academies = await readCopy<AcademyDoc>(Academy);
  if (!academies) return databaseFacts;
  const needs = await readCopy<NeedDoc>(ImprovementNeed);
  const deployments = await readCopy<DeploymentDoc>(Deployment);
  const staff = await readCopy<StaffDoc>(StaffMember);
  if (!needs || !deployments || !staff) return databaseFacts;
  return copyFacts({ academies, needs, deployments, staff });
}

export { academyProfile, needProfile } from './profiles';
export type { CandidatePool, OpenNeeds, RankingFacts, Supporter } from './types';
