import { setAcademySupportCapacity } from '../../server/services/academy-support';
import { builder } from '../builder';
import { inputMutation, outcomeOf } from '../mutations';
import { payloadType } from '../payloads';
import { AcademyRef } from '../refs';

const SetAcademySupportCapacityInput = builder.inputType('SetAcademySupportCapacityInput', {
  description: 'Days a school offers as a whole (school-to-school support led by the school rather than one person).',
  fields: (t) => ({
    academyId: t.id({ required: true, description: 'The school.' }),
    supportCapacityDays: t.int({ required: true, description: 'Days offered this year (0 to stop offering); not below days already reserved, and not above the days offered now for a school in an Ofsted category of concern.' }),
  }),
});

const SetAcademySupportCapacityPayload = payloadType('SetAcademySupportCapacityPayload', 'academy', AcademyRef, 'Result of setAcademySupportCapacity.');

inputMutation('setAcademySupportCapacity', {
  description:
    "Sets the days a school offers to support others as a whole; such schools are ranked with kind ACADEMY. The school's HEADTEACHER, its hub's EXECUTIVE_HEAD, its trust's IMPROVEMENT_LEAD, or ADMIN. A school in an Ofsted category of concern (latestInspection.mustNotLendStaff) keeps its own staff: raising its offer is refused (CATEGORY_OF_CONCERN, at supportCapacityDays); lowering it is allowed. A closed school (status CLOSED) likewise (ACADEMY_CLOSED).",
  input: SetAcademySupportCapacityInput,
  inputDescription: 'The school and the days it offers.',
  payload: SetAcademySupportCapacityPayload,
  resolve: outcomeOf(setAcademySupportCapacity, { academyId: 'Academy' }),
});
