-- In-app notifications (one row per recipient user), team webhooks and their deliveries.
CREATE TABLE "notification" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "user_id" UUID NOT NULL,
  "event_id" UUID NOT NULL,
  "kind" TEXT NOT NULL,
  "title" TEXT NOT NULL,
  "body" TEXT,
  "link" TEXT,
  "data" JSONB,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "read_at" TIMESTAMPTZ(3),
  CONSTRAINT "notification_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "notification_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "notification_user_id_created_at_idx" ON "notification"("user_id", "created_at" DESC, "id" DESC);
CREATE INDEX "notification_unread_idx" ON "notification"("user_id") WHERE "read_at" IS NULL;

CREATE TABLE "team_webhook" (
  "team_id" UUID NOT NULL,
  "url" TEXT NOT NULL,
  "secret" TEXT NOT NULL,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "secret_rotated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  CONSTRAINT "team_webhook_pkey" PRIMARY KEY ("team_id"),
  CONSTRAINT "team_webhook_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TYPE "WebhookDeliveryState" AS ENUM ('pending', 'retrying', 'delivered', 'failed');

CREATE TABLE "webhook_delivery" (
  "id" UUID NOT NULL DEFAULT gen_random_uuid(),
  "team_id" UUID NOT NULL,
  "event_id" UUID NOT NULL,
  "kind" TEXT NOT NULL,
  "payload" JSONB NOT NULL,
  "state" "WebhookDeliveryState" NOT NULL DEFAULT 'pending',
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "max_attempts" INTEGER NOT NULL,
  "url" TEXT,
  "response_status" INTEGER,
  "last_error" TEXT,
  "resent_from_id" UUID,
  "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT now(),
  "last_attempt_at" TIMESTAMPTZ(3),
  "next_attempt_at" TIMESTAMPTZ(3),
  "delivered_at" TIMESTAMPTZ(3),
  CONSTRAINT "webhook_delivery_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "webhook_delivery_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "webhook_delivery_resent_from_id_fkey" FOREIGN KEY ("resent_from_id") REFERENCES "webhook_delivery"("id") ON DELETE SET NULL ON UPDATE CASCADE
);
CREATE INDEX "webhook_delivery_team_id_created_at_idx" ON "webhook_delivery"("team_id", "created_at" DESC);
