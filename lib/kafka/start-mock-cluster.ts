import { execFile, spawn } from "node:child_process";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

const repoRoot = path.resolve(import.meta.dirname, "../..");
const sourcePath = path.join(repoRoot, "lib/kafka/mock-cluster.c");
const binaryPath = path.join(repoRoot, ".cache/kafka-mock-cluster");

const TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export type MockKafkaClusterOptions = {
  brokers?: number;
  topics?: { name: string; partitions: number }[];
  startTimeoutMs?: number;
};

export type MockKafkaCluster = {
  brokers: string[];
  stop(): Promise<void>;
};

/**
 * Starts librdkafka's mock Kafka cluster (real wire protocol, in memory) as a child process.
 * It supports produce, fetch, consumer groups and offset commits, but no admin calls
 * (CreateTopics, DeleteTopics, ListGroups, DescribeGroups, DescribeConfigs), so pass topics here.
 */
export async function startMockKafkaCluster(
  options: MockKafkaClusterOptions = {},
): Promise<MockKafkaCluster> {
  const brokerCount = options.brokers ?? 1;
  const topics = options.topics ?? [];
  const startTimeoutMs = options.startTimeoutMs ?? 10_000;
  if (!Number.isInteger(brokerCount) || brokerCount < 1 || brokerCount > 100) {
    throw new Error(`brokers must be an integer from 1 to 100, got ${brokerCount}`);
  }
  for (const topic of topics) {
    if (!TOPIC_NAME.test(topic.name)) throw new Error(`invalid Kafka topic name: "${topic.name}"`);
    if (!Number.isInteger(topic.partitions) || topic.partitions < 1 || topic.partitions > 10_000) {
      throw new Error(`topic "${topic.name}": partitions must be an integer from 1 to 10000`);
    }
  }

  await ensureMockClusterBinary();

  const args = ["--brokers", String(brokerCount), ...topics.map((t) => `${t.name}:${t.partitions}`)];
  // stdin stays open as a lifeline: when this process dies, the pipe closes and the cluster exits. Its own process
  // group, so a Ctrl-C in the terminal reaches only the launcher, which stops the cluster after its clients.
  const child = spawn(binaryPath, args, { stdio: ["pipe", "pipe", "pipe"], detached: true });

  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  child.stdin.on("error", () => {});

  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  const killOnParentExit = () => child.kill("SIGKILL");
  process.once("exit", killOnParentExit);

  let bootstrapLine: string;
  try {
    bootstrapLine = await readFirstLine(child, startTimeoutMs, () => stderr);
  } catch (error) {
    process.removeListener("exit", killOnParentExit);
    child.kill("SIGKILL");
    await exited;
    throw error;
  }

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.removeListener("exit", killOnParentExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
      }
    })();
    return stopping;
  };

  return { brokers: bootstrapLine.split(","), stop };
}

function readFirstLine(
  child: ReturnType<typeof spawn>,
  timeoutMs: number,
  stderr: () => string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = "";
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout!.removeListener("data", onData);
      child.removeListener("exit", onExit);
      child.removeListener("error", onError);
      // Keep draining stdout so the child never blocks on a full pipe.
      child.stdout!.resume();
    };
    const fail = (message: string) => {
      cleanup();
      const detail = stderr().trim();
      reject(new Error(detail ? `${message}\n${detail}` : message));
    };
    const onData = (chunk: string) => {
      buffered += chunk;
      const newline = buffered.indexOf("\n");
      if (newline === -1) return;
      cleanup();
      resolve(buffered.slice(0, newline).trim());
    };
    const onExit = (code: number | null, signal: string | null) =>
      fail(`Kafka mock cluster exited before it was ready (code ${code}, signal ${signal})`);
    const onError = (error: Error) => fail(`Kafka mock cluster could not start: ${error.message}`);
    const timer = setTimeout(
      () => fail(`Kafka mock cluster did not print its bootstrap servers within ${timeoutMs} ms`),
      timeoutMs,
    );
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", onData);
    child.once("exit", onExit);
    child.once("error", onError);
  });
}

async function ensureMockClusterBinary(): Promise<void> {
  const [source, binary] = await Promise.all([
    stat(sourcePath),
    stat(binaryPath).catch(() => undefined),
  ]);
  if (binary && binary.mtimeMs >= source.mtimeMs) return;

  await mkdir(path.dirname(binaryPath), { recursive: true });
  // Compile to a private name and rename, so concurrent test runs never execute a half-written file.
  const tempPath = `${binaryPath}.${process.pid}.tmp`;
  try {
    await execFileAsync("cc", ["-O2", "-o", tempPath, sourcePath, "-lrdkafka"], { cwd: repoRoot });
    await rename(tempPath, binaryPath);
  } catch (error) {
    await rm(tempPath, { force: true });
    throw compileError(error);
  }
}

function compileError(error: unknown): Error {
  const { code, stderr } = error as { code?: unknown; stderr?: string };
  if (code === "ENOENT") {
    return new Error("No C compiler (cc) found, needed to build the Kafka mock cluster: apt-get install gcc");
  }
  const output = stderr ?? String(error);
  if (/rdkafka(_mock)?\.h: No such file|cannot find -lrdkafka/.test(output)) {
    return new Error(`librdkafka-dev is not installed: apt-get install librdkafka-dev\n${output.trim()}`);
  }
  return new Error(`Could not compile ${path.relative(repoRoot, sourcePath)}:\n${output.trim()}`);
}
