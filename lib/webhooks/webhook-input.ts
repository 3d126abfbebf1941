import { z } from "zod";
import { demoMode } from "@/lib/env";
import { webhookUrlProblem } from "./webhook-url";

export const WebhookSettingsInput = z
  .object({
    url: z
      .string()
      .trim()
      .superRefine((url, ctx) => {
        const problem = webhookUrlProblem(url, { demo: demoMode });
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
  })
  .strict();

export const DeliveryListInput = z.object({
  before: z.string().datetime().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
