// Browser tests of the sweep and study pages in Debian's chromium against the real server (the test host) over sweeps
// made by the real CLI: `wnn sweep quick` (in-process MLPs, learning curves, the median pruner) and `wnn sweep run` of
// a grid whose trials are shell scripts (one fails). The tests run in order and share one server.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { TestServer, browserAvailable, buildAll, launchBrowser, openPage, repoRoot, runWnn, shot } from "./harness.mjs";

const skip = browserAvailable() ? false : "chromium not found at /usr/bin/chromium (scripts/test-prereqs.sh installs it as root)";

/** A seed-003 grid over lr whose trial is a shell script: loss = lr at step 1, lr/2 at step 2; lr=0.001 exits 3. */
function writeGrid(dir, sweepDir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "trial.sh"),
    [
      "#!/bin/sh",
      'lr="${1#lr=}"',
      "sleep 0.3",
      'echo "@wnn {\\"step\\": 1, \\"loss\\": $lr}"',
      'if [ "$lr" = "0.001" ]; then echo "diverged: loss is nan" >&2; exit 3; fi',
      "sleep 0.3",
      'echo "@wnn {\\"step\\": 2, \\"loss\\": $(awk "BEGIN { print $lr / 2 }")}"',
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "grid.yaml"),
    [
      'sweep_type: "grid"',
      "experiment:",
      "  name: dash_grid",
      '  command: ["sh", "trial.sh"]',
      "parameters:",
      "  lr: [0.4, 0.1, 0.001, 0.2]",
      "execution:",
      "  max_parallel: 1",
      "optimization:",
      '  target_metric: "loss"',
      '  direction: "minimize"',
      `sweep_dir: ${sweepDir}`,
      "",
    ].join("\n"),
  );
  return join(dir, "grid.yaml");
}

const rowNumbers = (page, column) =>
  page.$$eval(`[data-testid=trials-table] tbody tr[data-trial]`, (rows, c) => rows.map((r) => r.children[c].textContent.trim()), column);

describe("sweep and study pages in chromium", { skip }, () => {
  let server;
  let browser;
  let page;
  let sweeps;
  const errors = [];

  before(async () => {
    buildAll();
    // The real CLI, built once here (the launcher rebuilds only when sources changed).
    const built = spawnSync(join(repoRoot, "wnn"), ["--help"], { stdio: ["ignore", "ignore", "inherit"] });
    if (built.status !== 0) throw new Error("./wnn did not build");
    server = await TestServer.create(150, (dir) => ["--sweeps", join(dir, "sweeps"), "--study-storage", join(dir, "studies.db")]);
    sweeps = join(server.dir, "sweeps");
    browser = await launchBrowser();
    page = await openPage(browser, errors);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("a sweep started by `wnn sweep quick` appears on /sweeps live and finishes there without a reload", async () => {
    await page.goto(server.url + "/sweeps");
    await page.getByRole("heading", { name: "Sweeps" }).waitFor();
    await page.locator("[data-testid=connection][data-state=open]").waitFor();
    assert.match(await page.locator(".empty").innerText(), /No sweeps in the server's sweeps directory/);
    const run = runWnn(["sweep", "quick", "--problem", "spirals", "--trials", "6", "--max-parallel", "2", "--seed", "42", "--plain", "--sweep-dir", join(sweeps, "exp_quick")]);
    const row = page.locator('tr[data-study-id="exp_quick"]');
    await row.waitFor();
    await run;
    // Every trial finished: complete + pruned = 6, pushed over /ws (the page was never reloaded).
    await page.waitForFunction(() => {
      const r = document.querySelector('tr[data-study-id="exp_quick"]');
      const n = (s) => Number(r?.querySelector(`[data-state=${s}]`)?.getAttribute("data-count") ?? 0);
      return n("complete") + n("pruned") === 6 && n("running") === 0;
    });
    const api = await server.api("GET", "/api/sweeps/exp_quick");
    assert.equal(api.trial_count, 6);
    assert.equal(Number(await row.getAttribute("data-trials")), 6);
    assert.equal(await row.locator("[data-testid=best]").innerText().then((t) => t.split("\n")[0]), String(+api.best_value.toPrecision(6)));
    assert.ok(Number(await page.locator("[data-testid=studies-table]").getAttribute("data-changes")) > 0, "updates came over the socket");
    await shot(page, "sweeps-list");
  });

  test("the sweep page shows the best trial, history with best so far, importance, learning curves and a sortable trials table", async () => {
    const report = await server.api("GET", "/api/sweeps/exp_quick/report");
    await page.locator('tr[data-study-id="exp_quick"] a').click();
    await page.locator("[data-testid=study-page]").waitFor();
    assert.equal(await page.locator("[data-testid=card-best] .card-value").innerText(), String(+report.study.best_value.toPrecision(6)));
    assert.equal(await page.locator("[data-testid=card-best-trial] .card-value").innerText(), `#${report.best.number}`);
    for (const p of report.best.params) assert.ok(await page.locator(`[data-testid=best-trial] [data-param="${p.name}"]`).isVisible(), p.name);
    assert.equal(Number(await page.locator("[data-testid=history-chart]").getAttribute("data-points")), report.history.length);
    assert.ok(Number(await page.locator("[data-testid=curves-chart]").getAttribute("data-points")) > 1, "learning curves have steps");
    assert.equal(await page.locator("[data-testid=importance] .importance-row").count(), 3);
    assert.equal(
      await page.locator("[data-testid=importance] .importance-row").first().getAttribute("data-param"),
      report.importance[0].name,
      "largest importance first, as the report computes it",
    );
    // Plots: the EDF over the complete trials, and the server's SVGs as `wnn report` draws them (lr is log-distributed).
    assert.equal(Number(await page.locator("[data-testid=edf-chart]").getAttribute("data-points")), report.history.length);
    const figures = await server.api("GET", "/api/sweeps/exp_quick/figures");
    const [first, second] = report.importance.map((i) => i.name);
    for (const [id, title] of [
      ["parallel", "Parallel coordinates of exp_quick"],
      ["contour", "Contour of val_acc over the two most important parameters"],
      ["slice-lr", "Slice: val_acc by lr"],
    ]) {
      const svg = page.locator(`[data-testid=figures] [data-figure="${id}"] svg`);
      await svg.waitFor();
      assert.ok(figures.some((f) => f.id === id && f.title === title), `${id} is served with its title`);
      assert.ok((await svg.locator("text").allTextContents()).includes(title), `${id} shows its title`);
      assert.ok((await svg.boundingBox()).width > 300, `${id} is drawn at a readable size`);
    }
    const sliceText = (await page.locator('[data-figure="slice-lr"] svg text').allTextContents()).join(" ");
    assert.match(sliceText, /lr.*\(log scale\)/, "lr gets a log axis");
    const contourText = (await page.locator('[data-figure="contour"] svg text').allTextContents()).join(" ");
    assert.ok(contourText.includes(first) && contourText.includes(second), `contour axes are ${first} and ${second}`);
    const lines = await page.locator('[data-figure="parallel"] svg g.series').count();
    assert.ok(lines >= 1, "parallel coordinates draw the trials");
    await page.locator("[data-testid=figures]").screenshot({ path: join(repoRoot, "artifacts", "screenshots", "sweep-plots.png") });
    // Sorted by val_acc, best (highest) first; then by lr ascending and descending on header clicks.
    const table = page.locator("[data-testid=trials-table]");
    assert.equal(await table.locator("tbody tr[data-trial]").count(), 6);
    assert.equal(await table.locator("tbody tr[data-trial]").first().getAttribute("data-trial"), String(report.best.number));
    const lrColumn = 2; // #, val_acc, lr, …
    await table.locator('th[data-column="param:lr"]').click();
    const up = (await rowNumbers(page, lrColumn)).map(Number);
    assert.deepEqual(up, [...up].sort((a, b) => a - b));
    await table.locator('th[data-column="param:lr"]').click();
    assert.equal(await table.getAttribute("data-descending"), "true");
    const down = (await rowNumbers(page, lrColumn)).map(Number);
    assert.deepEqual(down, [...up].reverse());
    // A trial's detail with the tail of its run.log.
    await table.locator(`tbody tr[data-trial="${report.best.number}"]`).click();
    await page.locator("[data-testid=trial-detail]").getByRole("button", { name: "show the log tail" }).click();
    assert.match(await page.locator("[data-testid=trial-log]").innerText(), /epoch \d+ train_loss [\d.]+ val_loss [\d.]+ val_acc [\d.]+/);
    await shot(page, "sweep-page");
  });

  test("a grid `wnn sweep run` with a failing job: trials arrive live on its page and failures are grouped by reason", async () => {
    const config = writeGrid(join(server.dir, "grid"), join(sweeps, "exp_grid"));
    const run = runWnn(["sweep", "run", config, "--plain"]);
    await page.goto(server.url + "/sweeps");
    await page.locator('tr[data-study-id="exp_grid"] a').click();
    await page.locator("[data-testid=study-page]").waitFor();
    await run;
    // The page, opened while the sweep ran, reaches the end through pushes alone.
    await page.locator('[data-testid=card-finished] .card-value:text("4/4")').waitFor();
    assert.ok(Number(await page.locator("[data-testid=study-page]").getAttribute("data-version")) > 0, "the page refetched after a push");
    const failures = page.locator("[data-testid=failures-table] tbody tr");
    assert.equal(await failures.count(), 1);
    assert.equal(await failures.first().getAttribute("data-state"), "failed");
    assert.match(await failures.first().locator(".reason").innerText(), /exit code 3/);
    // Minimize: the best is lr=0.1 → loss 0.05 at the last step.
    assert.equal(await page.locator("[data-testid=card-best] .card-value").innerText(), "0.05");
    assert.equal(await page.locator('[data-testid=best-trial] [data-param="lr"] b').innerText(), "0.1");
    await page.locator('[data-testid=state-filter] [data-state="failed"]').click();
    assert.equal(await page.locator("[data-testid=trials-table] tbody tr[data-trial]").count(), 1);
    await shot(page, "sweep-grid-failures");
  });

  test("compare two sweeps, and the pages at phone width", async () => {
    await page.goto(server.url + "/sweeps/compare?ids=exp_quick,exp_grid");
    await page.locator("[data-testid=compare-table]").waitFor();
    assert.equal(await page.locator("[data-testid=compare-table] tbody tr").count(), 2);
    assert.equal(await page.locator('tr[data-study-id="exp_grid"] [data-testid=compare-best]').innerText(), "0.05");
    await page.locator("[data-testid=compare-chart]").waitFor();
    await shot(page, "sweeps-compare");
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ["/sweeps", "/sweeps/exp_quick"]) {
      await page.goto(server.url + path);
      await page.locator(path === "/sweeps" ? "[data-testid=studies-table]" : "[data-testid=study-page]").waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${path} scrolls sideways by ${overflow} px at 390 px`);
      await shot(page, `phone${path.replaceAll("/", "-")}`);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.deepEqual(errors, []);
  });
});
