#!/usr/bin/env node
// npm's entry point for the meshwork CLI: runs bin/meshwork.ts through this package's own tsx, so that
// `npx --yes --package /path/to/meshwork meshwork ...` works from any directory, not only inside the repository.
import { register } from "tsx/esm/api";

register();
await import("./meshwork.ts");
