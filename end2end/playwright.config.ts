import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// The test command picks a free port; a fresh database (SQLite file unless
// PORTAL_E2E_DATABASE_URL names another) and storage folder per run.
const port = process.env.PORTAL_E2E_PORT ?? "3100";
const baseURL = `http://127.0.0.1:${port}`;
const dataDir = process.env.PORTAL_E2E_DATA ?? mkdtempSync(join(tmpdir(), "portal-e2e-"));
const repo = resolve(__dirname, "..");
const server = process.env.PORTAL_E2E_SERVER ?? join(repo, "target", "debug", "portal");

export default defineConfig({
  testDir: "./tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: "pt-BR",
    timezoneId: "America/Sao_Paulo",
    trace: "off",
    launchOptions: {
      // Debian's Chromium: Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "js", use: { javaScriptEnabled: true } },
    // After the JS project: specs that change an account's state never race across projects.
    { name: "no-js", use: { javaScriptEnabled: false }, dependencies: ["js"] },
  ],
  webServer: {
    command: `${server} serve`,
    cwd: repo,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "pipe",
    env: {
      PORTAL_ADDR: `127.0.0.1:${port}`,
      PORTAL_ENV: "development",
      PORTAL_DATABASE_URL: process.env.PORTAL_E2E_DATABASE_URL ?? `sqlite://${dataDir}/e2e.db`,
      PORTAL_STORAGE_DIR: `${dataDir}/files`,
      PORTAL_SITE_ROOT: join(repo, "target", "site"),
      RUST_LOG: "warn",
    },
  },
});
