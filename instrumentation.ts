// Runs once when a Next.js server starts (not during `next build`): refuse to serve without a usable secret, and warm
// the lineage layout thread.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { refuseToStartWithoutSecret } = await import("@/lib/auth/auth-secret");
    refuseToStartWithoutSecret();
    // Elk's layout thread compiles its code on a warm-up graph while the server waits for its first viewer.
    const { warmLayoutThread } = await import("@/lib/lineage/layout-thread");
    warmLayoutThread();
  }
}
