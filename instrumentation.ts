// Runs once when a Next.js server starts (not during `next build`): refuse to serve without a usable secret.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseToStartWithoutSecret } = await import("@/lib/auth/auth-secret");
    refuseToStartWithoutSecret();
  }
}
