import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { stopProcessGroup } from "./process-group";

// Like `npx next start`: a wrapper that dies at once on SIGTERM, and the real server, its child, that takes a while.
it("resolves only once every process of the group has exited, not when the direct child has", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "meshwork-group-"));
  const marker = path.join(dir, "server-exited");
  const server = `process.on("SIGTERM", () => setTimeout(() => { require("node:fs").writeFileSync(${JSON.stringify(marker)}, ""); process.exit(0); }, 400)); setInterval(() => {}, 1000);`;
  const wrapper = spawn("sh", ["-c", `node -e '${server}' & wait`], { detached: true, stdio: "ignore" });
  await new Promise((resolve) => setTimeout(resolve, 500));
  let wrapperExited = false;
  wrapper.once("exit", () => (wrapperExited = true));

  await stopProcessGroup(wrapper.pid!);

  expect(wrapperExited).toBe(true);
  expect(existsSync(marker)).toBe(true);
});
