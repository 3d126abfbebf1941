// Liveness probe for load balancers (and the ceiling the registry benchmark compares against).
export const GET = () => Response.json({ status: "ok" });
