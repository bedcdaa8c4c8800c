import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { authorship } from './common';

// A hub: an Outstanding or Good lead academy with 3-4 members under an executive head.
// Membership lives on Academy.clusterId (one source of truth, moved with one atomic write).
const clusterSchema = new Schema(
  {
    name: { type: String, required: true, trim: true, maxlength: 200 },
    /** The name in the form names are compared in (domain/names.ts): unique within the trust. */
    nameKey: { type: String, required: true },
    trustId: { type: Schema.Types.ObjectId, ref: 'Trust', required: true },
    leadAcademyId: { type: Schema.Types.ObjectId, ref: 'Academy', required: true },
    executiveHeadId: { type: Schema.Types.ObjectId, ref: 'StaffMember', default: null },
    ...authorship,
  },
  { timestamps: true },
);
clusterSchema.index({ trustId: 1, nameKey: 1 }, { unique: true });

export type ClusterRecord = InferSchemaType<typeof clusterSchema>;
export type ClusterDoc = HydratedDocument<ClusterRecord>;
export const Cluster = model('Cluster', clusterSchema, 'clusters');
