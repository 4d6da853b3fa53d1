// Test harness: a real Wnn server (the test host: WnnServer + synthetic flow executor over a SQLite file) and
// Debian's chromium driven by playwright-core.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
export const dashboardDir = resolve(here, "..");
export const repoRoot = resolve(dashboardDir, "..");
export const screenshotDir = join(repoRoot, "artifacts", "screenshots");
export const chromiumPath = process.env.WNN_CHROMIUM ?? "/usr/bin/chromium";
const hostProject = join(here, "host", "Wnn.Dashboard.TestHost.csproj");
const hostOut = join(repoRoot, "artifacts", "dashboard-test-host");

/** Builds the dashboard (if stale) and the test host once. */
export function buildAll() {
  const dash = spawnSync(join(repoRoot, "scripts", "build-dashboard.sh"), { stdio: "inherit" });
  if (dash.status !== 0) throw new Error("dashboard build failed");
  const host = spawnSync("dotnet", ["build", hostProject, "-c", "Release", "-o", hostOut, "-nologo", "-v", "q", "-clp:ErrorsOnly"], {
    stdio: "inherit",
  });
  if (host.status !== 0) throw new Error("test host build failed");
  mkdirSync(screenshotDir, { recursive: true });
}

export async function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
}

/** A server process over one database directory; can be stopped and started again on the same port. */
export class TestServer {
  constructor(port, dir, delayMs, extraArgs = []) {
    this.port = port;
    this.dir = dir;
    this.delayMs = delayMs;
    this.extraArgs = extraArgs;
    this.url = `http://127.0.0.1:${port}`;
    this.proc = null;
  }

  /** extraArgs(dir) gives more host arguments, e.g. ["--sweeps", join(dir, "sweeps")]. */
  static async create(delayMs = 150, extraArgs = () => []) {
    const dir = mkdtempSync(join(tmpdir(), "wnn-dash-"));
    const server = new TestServer(await freePort(), dir, delayMs, extraArgs(dir));
    await server.start();
    return server;
  }

  async start() {
    const args = [join(hostOut, "Wnn.Dashboard.TestHost.dll"), "--port", String(this.port), "--db", join(this.dir, "experiments.db"),
      "--checkpoints", join(this.dir, "checkpoints"), "--dashboard-dir", join(dashboardDir, "dist"), "--delay-ms", String(this.delayMs), ...this.extraArgs];
    const proc = spawn("dotnet", args, { stdio: ["ignore", "pipe", "pipe"] });
    this.proc = proc;
    let log = "";
    proc.stderr.on("data", (d) => (log += d));
    await new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`server did not start in 60 s: ${log}`)), 60_000);
      proc.stdout.on("data", (d) => {
        if (String(d).includes("listening")) {
          clearTimeout(timer);
          ok();
        }
      });
      proc.on("exit", (code) => {
        clearTimeout(timer);
        fail(new Error(`server exited with ${code}: ${log}`));
      });
    });
  }

  async stop() {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise((ok) => proc.once("exit", ok));
    proc.kill("SIGTERM");
    const timer = setTimeout(() => proc.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(timer);
    this.proc = null;
  }

  async api(method, path, body) {
    const response = await fetch(this.url + path, {
      method,
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return response.status === 204 ? null : response.json();
  }
}

/** Runs `./wnn ARGS` (the real CLI) to its end; resolves with its output, rejects with it on a non-zero exit. */
export function runWnn(args, options = {}) {
  return new Promise((ok, fail) => {
    const proc = spawn(join(repoRoot, "wnn"), args, { cwd: options.cwd ?? repoRoot, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    proc.stdout.on("data", (d) => (out += d));
    proc.stderr.on("data", (d) => (out += d));
    proc.on("error", fail);
    proc.on("exit", (code) => (code === 0 ? ok(out) : fail(new Error(`wnn ${args.join(" ")} exited with ${code}:\n${out}`))));
  });
}

export async function launchBrowser() {
  // Playwright gives every launch a fresh, empty profile directory of its own (it refuses --user-data-dir in args).
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
}

/** A page at 1280×800 whose uncaught errors are pushed to `errors`, with a 20 s default timeout. */
export async function openPage(browser, errors) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(String(e)));
  page.setDefaultTimeout(20_000);
  return page;
}

export const browserAvailable = () => existsSync(chromiumPath);

export async function shot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
