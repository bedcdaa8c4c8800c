import { type HydratedDocument, type InferSchemaType, Schema, model } from 'mongoose';
import { ROLES } from '../domain/enums';
import { authorship } from './common';

/**
 * A person who may sign in with the configured OpenID Connect issuer, and what they may do
 * here. Role and scopes come from this record, never from the identity provider's claims.
 * A signed-in person matches a record by `subject` (the issuer's `sub`) when one is recorded,
 * else by a verified email address.
 */
const directoryUserSchema = new Schema(
  {
    email: { type: String, required: true, trim: true, maxlength: 254 },
    /** Lower-cased email: one record per address, whatever its case. */
    emailKey: { type: String, required: true, unique: true },
    /** The issuer's `sub` for this person, when known. */
    subject: { type: String, trim: true, maxlength: 255, default: null },
    /**
     * `sub:<subject>`, or `email:<emailKey>` while no subject is recorded: always present, so
     * one unique index keeps subjects unique without a partial index (FerretDB 1.x has none).
     */
    subjectKey: { type: String, required: true, unique: true },
    name: { type: String, trim: true, maxlength: 200, default: null },
    role: { type: String, required: true, enum: ROLES },
    /** The trust the record belongs to (null for ADMIN and people outside trusts); its lead manages it. */
    trustId: { type: Schema.Types.ObjectId, ref: 'Trust', default: null },
    clusterId: { type: Schema.Types.ObjectId, ref: 'Cluster', default: null },
    academyId: { type: Schema.Types.ObjectId, ref: 'Academy', default: null },
    staffId: { type: Schema.Types.ObjectId, ref: 'StaffMember', default: null },
    /** Browser sessions issued before this moment are void: set when the person signs out. */
    sessionsNotBefore: { type: Date, default: null },
    ...authorship,
  },
  { timestamps: true },
);
directoryUserSchema.index({ trustId: 1, emailKey: 1 });
directoryUserSchema.pre('validate', function syncKeys() {
  this.emailKey = this.email.toLowerCase();
  this.subjectKey = this.subject ? `sub:${this.subject}` : `email:${this.emailKey}`;
});

export type DirectoryUserRecord = InferSchemaType<typeof directoryUserSchema>;
export type DirectoryUserDoc = HydratedDocument<DirectoryUserRecord>;
export const DirectoryUser = model('DirectoryUser', directoryUserSchema, 'directoryUsers');

export const subjectKeyOf = (subject: string) => `sub:${subject}`;
