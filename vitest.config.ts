import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/global-setup.ts"],
    environment: "node",
    testTimeout: 60000,
    hookTimeout: 60000,
    // Browser and Qt suites start processes: two cores, two workers.
    maxWorkers: 2,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
