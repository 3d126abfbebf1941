import path from "node:path";
import { demoMode, env } from "@/lib/env";
import { readOrCreateDemoSecret } from "./demo-secret-file";

/** The secret Meshwork once shipped as its default: public, so it never signs anything outside demo mode. */
export const OLD_DEMO_SECRET = "meshwork-demo-secret-change-me-in-production";

const MISSING = "NEXTAUTH_SECRET is not set: set it to a long random value (e.g. `openssl rand -base64 32`), or set MESHWORK_DEMO=on to run the demo.";
const PUBLIC = "NEXTAUTH_SECRET is the demo secret published in Meshwork's source: set it to a long random value (e.g. `openssl rand -base64 32`).";

/** The configured secret; in demo mode without one, a random one kept in the data folder. Throws one line otherwise. */
export function resolveAuthSecret({ demo, secret, dataDir }: { demo: boolean; secret: string | undefined; dataDir: string }): string {
  if (secret && (demo || secret !== OLD_DEMO_SECRET)) return secret;
  if (!demo) throw new Error(secret ? PUBLIC : MISSING);
  return readOrCreateDemoSecret(path.join(dataDir, "nextauth-secret"));
}

let cached: string | undefined;

/** The secret that signs session cookies, read once; the data folder is `.meshwork/` in the working directory. */
export function authSecret(): string {
  cached ??= resolveAuthSecret({ demo: demoMode, secret: env.NEXTAUTH_SECRET, dataDir: path.join(process.cwd(), ".meshwork") });
  return cached;
}

/** For server entry points: exits with one clear line when there is no usable secret. */
export function refuseToStartWithoutSecret(): void {
  try {
    authSecret();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
