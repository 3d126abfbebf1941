import { z } from "zod";
import { slug } from "@/lib/catalog/product-input";

export const DomainInput = z.object({
  slug,
  name: z.string().trim().min(2).max(80),
  description: z.string().max(2000).default(""),
});

export const TeamInput = z.object({
  domain: slug,
  slug,
  name: z.string().trim().min(2).max(80),
  description: z.string().max(2000).default(""),
  contactEmail: z.string().email().optional(),
});

export const MemberInput = z.object({
  email: z.string().email(),
  role: z.enum(["owner", "member"]),
});
