import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "mw_";

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(24).toString("base64url");
}

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
