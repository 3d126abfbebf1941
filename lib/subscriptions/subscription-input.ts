import { z } from "zod";

const MAX_DAYS = 3650;

const text = (max: number) => z.string().trim().max(max);
const portRef = z.string().trim().min(1, "must name an output port (its id or URN)").max(300);
const teamRef = z.string().trim().min(1, "must name one of your teams (its id or slug)").max(200);
const durationDays = z.number().int().min(1, "must be at least 1 day").max(MAX_DAYS).nullable();

/** POST /api/v1/subscriptions. `durationDays` omitted means the default (90, or the port's maximum if lower); null means no end. */
export const SubscriptionRequestInput = z.strictObject({
  port: portRef,
  consumerTeam: teamRef,
  purpose: text(2000).min(3, "is required: say what the data will be used for (at least 3 characters)"),
  intendedUse: text(2000).default(""),
  durationDays: durationDays.optional(),
});
export type SubscriptionRequest = z.infer<typeof SubscriptionRequestInput>;

/** POST /api/v1/subscriptions/preview: the same fields, purpose optional (the chain does not depend on it). */
export const SubscriptionPreviewInput = z.strictObject({
  port: portRef,
  consumerTeam: teamRef,
  purpose: text(2000).optional(),
  intendedUse: text(2000).optional(),
  durationDays: durationDays.optional(),
});

const yes = z.enum(["true", "false", "1", "0", "yes", "no", ""]).transform((v) => v === "" || v === "true" || v === "1" || v === "yes");

export const SubscriptionListQuery = z.strictObject({
  mine: yes.optional(),
  product: z.string().trim().min(1).max(300).optional(),
  port: portRef.optional(),
  team: teamRef.optional(),
  state: z.enum(["pending_approval", "provisioning", "active", "rejected", "cancelled", "expired", "revoked", "ended", "renewed"]).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const DecisionInput = z.strictObject({ comment: text(2000).optional() });

export const CancelInput = z.strictObject({ reason: text(2000).optional() });

/** POST /api/v1/subscriptions/{id}/revoke: the consumers are owed the reason. */
export const RevokeInput = z.strictObject({ reason: text(2000).min(3, "is required: tell the consuming team why (at least 3 characters)") });

/** POST /api/v1/subscriptions/{id}/renew: everything optional; the renewed subscription's purpose and length by default. */
export const RenewInput = z.strictObject({
  purpose: text(2000).min(3, "must say what the data will be used for (at least 3 characters)").optional(),
  intendedUse: text(2000).optional(),
  durationDays: durationDays.optional(),
});

export const PortAccessInput = z.strictObject({
  selfService: z.boolean(),
  maxDurationDays: z.number().int().min(1, "must be at least 1 day").max(MAX_DAYS),
  allowNoEnd: z.boolean(),
});

// PostgreSQL role names that would hand a team someone else's powers.
const RESERVED_ROLES = /^(pg_|postgres$|public$|current_user$|session_user$|current_role$)/;

export const TeamPrincipalsInput = z.strictObject({
  kafkaPrincipal: z
    .string()
    .trim()
    .regex(/^User:[A-Za-z0-9._@=,+-]{1,200}$/, "must be a Kafka principal such as User:team-orders")
    .nullable(),
  postgresRole: z
    .string()
    .trim()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a PostgreSQL role name: lower-case letters, digits and _, at most 63")
    .refine((role) => !RESERVED_ROLES.test(role), "must not be a reserved or built-in role (pg_*, postgres, public)")
    .nullable(),
});

/** An Idempotency-Key header: printable ASCII, at most 255 characters. */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/, "must be 1-255 printable ASCII characters without spaces");
