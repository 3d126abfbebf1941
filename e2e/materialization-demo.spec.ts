import { Partitioners } from "kafkajs";
import { createKafka } from "@/lib/kafka/kafka-client";
import { expect, signInApi, test, unique } from "./support/fixtures";
import { readServerInfo } from "./support/server-info";

// Issue 10, "a live demo": the e2e server runs the mock cluster, the demo producers and the workers, so the demo's
// Orders product page shows rows arriving and lag, and its table port's owners see a dead letter and inspect it.

const ORDERS_TOPIC = "orders.order-events.v1";

/** Writes records that are not in the registry's wire format (plain JSON), as a broken producer would. */
async function produceBadRecord(...keys: string[]) {
  const kafka = createKafka({ brokers: readServerInfo().kafkaBrokers, clientId: "e2e-bad-producer" });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic: ORDERS_TOPIC, messages: keys.map((key) => ({ key, value: JSON.stringify({ order_id: key, note: "plain JSON, no schema id" }) })) });
  } finally {
    await producer.disconnect();
  }
}

test("the Orders product page shows rows arriving and lag", async ({ page }) => {
  test.setTimeout(120_000);
  await signInApi(page.request, "analyst@meshwork.dev");
  await page.goto("/products/orders/orders");
  const panel = page.getByTestId("materialization-panel").filter({ has: page.getByTestId("materialization-rows") }).first();
  await expect(panel).toBeVisible();
  const rows = panel.getByTestId("materialization-rows");
  // The demo producers write about 2 orders/s; the panel polls every 2 s without a reload.
  await expect(rows).not.toHaveText("0", { timeout: 60_000 });
  const first = Number((await rows.textContent())!.replace(/\D/g, ""));
  await expect.poll(async () => Number((await rows.textContent())!.replace(/\D/g, "")), { timeout: 20_000 }).toBeGreaterThan(first);
  await expect(panel.getByTestId("materialization-state")).toHaveText("Running");
  await expect(panel.getByTestId("materialization-lag")).toContainText(/\d+ msgs/);
  await expect(panel.getByTestId("materialization-lag-detail")).toContainText(/behind/);
  await expect(panel.getByTestId("materialization-last-write")).not.toHaveText("never");
});

test("an owner sees a dead letter on the table port and inspects it", async ({ page }) => {
  test.setTimeout(120_000);
  const key = unique("e2e-bad-order");
  await produceBadRecord(key);
  await signInApi(page.request, "olivia@meshwork.dev");
  await page.goto("/products/orders/orders/ports/orders-table");
  const panel = page.getByTestId("materialization-panel");
  await expect(panel).toBeVisible();
  // Lag per partition: the orders topic has 3 partitions.
  await expect(panel.getByTestId("materialization-partition")).toHaveCount(3, { timeout: 60_000 });
  await expect(panel.getByRole("button", { name: "Pause" })).toBeVisible();

  const deadLetters = panel.getByTestId("dead-letters");
  // Ours, or one of the demo producers' plain-JSON records: both are not in the registry's wire format.
  const plainJson = deadLetters.getByTestId("dead-letter").filter({ hasText: "Not decodable" }).filter({ hasText: "wire format" }).first();
  await expect(plainJson).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByTestId("materialization-dead-letter-count")).not.toHaveText("0");
  await plainJson.getByRole("button", { name: /Inspect/ }).click();
  const detail = page.getByTestId("dead-letter-detail");
  await expect(detail.getByRole("heading", { name: "Dead letter" })).toBeVisible();
  await expect(detail).toContainText(ORDERS_TOPIC);
  await expect(detail.getByTestId("dead-letter-error")).toContainText("Not decodable");
  await expect(detail.getByTestId("dead-letter-base64")).not.toBeEmpty();
  // The producer wrote plain JSON: the owner reads it as text.
  await expect(detail.getByTestId("dead-letter-text")).toHaveText(/^\{".*\}$/);
  await expect(detail.getByTestId("dead-letter-decoded")).toBeVisible();
  await detail.getByRole("button", { name: "Close" }).click();
  await expect(detail.getByRole("heading", { name: "Dead letter" })).toBeHidden();
});

test("an owner pages through older dead letters and selects all shown", async ({ page }) => {
  test.setTimeout(120_000);
  await produceBadRecord(...Array.from({ length: 25 }, (_, i) => unique(`e2e-bad-${i}`)));
  await signInApi(page.request, "olivia@meshwork.dev");
  await page.goto("/products/orders/orders/ports/orders-table");
  const deadLetters = page.getByTestId("materialization-panel").getByTestId("dead-letters");
  await expect(deadLetters.getByTestId("dead-letters-shown")).toContainText(/Showing 20 of (2[5-9]|[3-9]\d|\d{3,}) waiting/, { timeout: 60_000 });
  await expect(deadLetters.getByTestId("dead-letter")).toHaveCount(20);
  await deadLetters.getByTestId("older-dead-letters").click();
  await expect.poll(async () => deadLetters.getByTestId("dead-letter").count()).toBeGreaterThan(20);
  await deadLetters.getByTestId("select-all-dead-letters").check();
  const shown = await deadLetters.getByTestId("dead-letter").count();
  await expect(deadLetters.getByTestId("replay-selected")).toHaveText(`Replay selected (${shown})`);
  if (process.env.E2E_SHOTS_DIR) await deadLetters.screenshot({ path: `${process.env.E2E_SHOTS_DIR}/dead-letters-paged.png` });
});

test("someone outside the owning team sees the status but not the dead letters", async ({ page }) => {
  await signInApi(page.request, "analyst@meshwork.dev");
  await page.goto("/products/orders/orders/ports/orders-table");
  const panel = page.getByTestId("materialization-panel");
  await expect(panel.getByTestId("materialization-rows")).toBeVisible();
  await expect(panel.getByRole("button", { name: "Pause" })).toHaveCount(0);
  await expect(panel.getByTestId("dead-letters")).toHaveCount(0);
});
