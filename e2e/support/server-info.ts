import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * What the end-to-end server shares with the tests: its database (to check grants as the consumer roles), its role
 * prefix, and its Kafka cluster's brokers (to write a record of the test's own).
 */
export type E2eServerInfo = { databaseUrl: string; rolePrefix: string; kafkaBrokers: string[] };

export const serverInfoPath = (port: string | number) => path.join(os.tmpdir(), `meshwork-e2e-server-${port}.json`);

export function readServerInfo(port: string | number = process.env.E2E_PORT ?? 3100): E2eServerInfo {
  return JSON.parse(readFileSync(serverInfoPath(port), "utf8"));
}
