// Turning stored records into the plain profiles the pure ranking code takes.
import { latestInspection, type ReportCard } from '../../domain/inspection';
import type { AcademyRecord } from '../../models/academy';
import type { ImprovementNeedRecord } from '../../models/improvement-need';
import type { AcademyProfile, NeedProfile } from '../../ranking/types';
import type { LeanDoc } from '../../models/lean';
// Ids as the copies' shared hex strings when the records come from them (String(id) otherwise).
import { idString } from '../read-cache';

export function academyProfile(academy: LeanDoc<AcademyRecord>): AcademyProfile {
  return {
    id: idString(academy._id),
    name: academy.name,
    phase: academy.phase,
    ofstedRating: academy.ofstedRating,
    inspection: latestInspection({ rating: academy.ofstedRating, inspectedOn: academy.ofstedJudgedOn ?? null }, reportCardOf(academy)),
    closed: academy.status === 'CLOSED',
    fsmPercent: academy.fsmPercent ?? null,
    location:
      academy.latitude != null && academy.longitude != null ? { latitude: academy.latitude, longitude: academy.longitude } : null,
    trustId: academy.trustId ? idString(academy.trustId) : null,
    clusterId: academy.clusterId ? idString(academy.clusterId) : null,
  };
}

function reportCardOf(academy: LeanDoc<AcademyRecord>): ReportCard | null {
  const card = academy.ofstedReportCard;
  return card ? { inspectedOn: card.inspectedOn, safeguarding: card.safeguarding, grades: card.grades.map((g) => ({ area: g.area, grade: g.grade })) } : null;
}

export function needProfile(need: LeanDoc<ImprovementNeedRecord>, academy: AcademyProfile): NeedProfile {
  return {
    id: idString(need._id),
    academy,
    area: need.area,
    phase: need.phase,
    severity: need.severity,
    daysRequested: need.daysRequested,
    daysCovered: need.daysCovered ?? 0,
    raisedAt: need.raisedAt,
    windowStart: need.windowStart ?? null,
    windowEnd: need.windowEnd ?? null,
  };
}
