import { z } from "zod";
import { slug } from "@/lib/catalog/product-input";
import { displayName } from "@/lib/validation";

export const DomainInput = z
  .object({
    slug,
    name: displayName(2, 80),
    description: z.string().max(2000).default(""),
  })
  .strict();

export const TeamInput = z
  .object({
    domain: slug,
    slug,
    name: displayName(2, 80),
    description: z.string().max(2000).default(""),
    contactEmail: z.string().email().max(254).optional(),
  })
  .strict();

export const MemberInput = z
  .object({
    email: z.string().email().max(254),
    role: z.enum(["owner", "member"]),
  })
  .strict();

/** An admin's change to a domain: its name and description (the slug, part of URNs and URLs, stays). */
export const DomainChangeInput = z.object({ name: displayName(2, 80).optional(), description: z.string().max(2000).optional() }).strict();

export const TeamChangeInput = z
  .object({ name: displayName(2, 80).optional(), description: z.string().max(2000).optional(), contactEmail: z.string().email("must be an e-mail address").max(254).nullable().optional() })
  .strict();

export const UserRoleInput = z.object({ role: z.enum(["user", "steward", "admin"], { message: "must be user, steward or admin" }) }).strict();
