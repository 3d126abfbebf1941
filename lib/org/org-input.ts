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
