// End-to-end tests of the dashboard in Debian's chromium against a real server (see harness.mjs).
// The tests run in order and share one server: each builds on the state the previous one left.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { TestServer, browserAvailable, buildAll, launchBrowser, openPage, shot } from "./harness.mjs";

const skip = browserAvailable() ? false : "chromium not found at /usr/bin/chromium (scripts/test-prereqs.sh installs it as root)";

describe("dashboard in chromium", { skip }, () => {
  let server;
  let browser;
  let page;
  let flowId;
  const errors = [];

  before(async () => {
    buildAll();
    server = await TestServer.create(150);
    browser = await launchBrowser();
    page = await openPage(browser, errors);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  test("serves the app at / and on client-side routes after a reload, never over /api", async () => {
    await page.goto(server.url + "/");
    await page.getByRole("heading", { name: "Flows" }).waitFor();
    await page.locator('[data-testid=connection][data-state=open]').waitFor();
    await page.goto(server.url + "/checkpoints");
    await page.getByRole("heading", { name: "Checkpoints" }).waitFor();
    const api = await fetch(server.url + "/api/does-not-exist");
    assert.equal(api.status, 404);
    assert.match(api.headers.get("content-type"), /problem\+json/);
    await shot(page, "checkpoints-empty");
  });

  test("builder renders its form from the served schema, pre-filled with the schema's defaults", async () => {
    const schema = await server.api("GET", "/api/config/schema");
    const keys = schema.keys.filter((k) => k.scope !== "search");
    assert.ok(keys.length >= 40, `the schema lists the flow keys (${keys.length})`);
    await page.goto(server.url + "/flows");
    await page.getByRole("link", { name: "New flow" }).click();
    await page.getByRole("heading", { name: "New flow" }).waitFor();
    await page.locator("[data-testid=builder]").waitFor();
    assert.equal(Number(await page.locator("[data-testid=builder]").getAttribute("data-keys")), keys.length);
    for (const group of schema.groups.filter((g) => keys.some((k) => k.group === g.name))) {
      assert.equal(await page.locator(`fieldset[data-group="${group.name}"] legend`).innerText(), group.title.toUpperCase());
    }
    // One field per key, showing the schema's default: the builder has no defaults of its own.
    for (const k of keys) {
      const field = page.locator(`[data-key="${k.name}"]`);
      assert.equal(await field.count(), 1, `one field for ${k.name}`);
      if (k.name === "model.tier_config") {
        assert.equal(await page.locator("[data-testid=tier-preview]").innerText(), `model.tier_config: ${k.default.split(";").map((t) => t + ",true").join(";")}`);
        continue;
      }
      if (k.name === "search.phases") {
        // The phase editor (tests/flows.test.mjs): the template's six phases.
        assert.equal(await page.locator("[data-testid=phases-preview]").innerText(),
          "search.phases: ga_neurons; ts_neurons; ga_bits; ts_bits; ga_connections; ts_connections");
        continue;
      }
      const input = page.locator(`[name="${k.name}"]`);
      if (k.kind === "boolean") assert.equal(await input.isChecked(), k.default, k.name);
      else assert.equal(await input.inputValue(), k.default === null ? "" : String(k.default), k.name);
    }
    const byName = Object.fromEntries(keys.map((k) => [k.name, k]));
    assert.deepEqual(
      ["ga.generations", "ts.iterations", "search.patience", "run.seed"].map((n) => byName[n].default),
      [100, 200, null, 42],
      "the defaults a flow without those keys gets on the server",
    );
    assert.equal(await page.locator('input[name="search.patience"]').getAttribute("placeholder"), "2·2^(pass−1)");
  });

  test("builder shows inline validation messages and creates a flow with data fields and a run seed", async () => {
    await page.getByRole("button", { name: "Create flow" }).click();
    assert.equal(await page.locator("[data-error-for=name]").innerText(), "A name is required.");
    await page.fill('input[name="search.patience"]', "abc");
    await page.fill('input[name="tier.0.count"]', "");
    await page.fill('input[name="fitness.percentile"]', "1.5");
    assert.match(await page.locator('[data-error-for="search.patience"]').innerText(), /not an integer/);
    assert.match(await page.locator('[data-error-for="tier.0.count"]').innerText(), /Only the last tier/);
    assert.match(await page.locator('[data-error-for="fitness.percentile"]').innerText(), /\(0, 1\]/);
    // A number key that also takes a word: model.score_scale accepts "auto" and says so when given neither.
    await page.fill('input[name="model.score_scale"]', "fast");
    assert.match(await page.locator('[data-error-for="model.score_scale"]').innerText(), /“fast” is not a number or auto/);
    await shot(page, "flow-new-validation");

    await page.fill("input[name=name]", "Browser flow");
    await page.fill('input[name="search.patience"]', "5");
    await page.fill('input[name="tier.0.count"]', "100");
    await page.fill('input[name="fitness.percentile"]', "");
    // GA phases long enough (30 × 150 ms) that the test sees iterations arrive while it watches.
    await page.fill('input[name="ga.generations"]', "30");
    await page.fill('input[name="ts.iterations"]', "6");
    await page.selectOption('select[name="search.phase_order"]', "bits_first");
    await page.getByRole("button", { name: "Add tier" }).click();
    await page.fill('input[name="tier.2.count"]', "1000");
    await page.locator('input[name="tier.1.optimize"]').uncheck();
    assert.equal(await page.locator("[data-testid=tier-preview]").innerText(), "model.tier_config: 100,15,20,true;400,10,12,false;1000,5,8,true;rest,5,8,true");
    // Data and run seed (issue 15: a flow made in the UI used to always run on the Brown corpus).
    await page.fill('input[name="data.train_file"]', "/data/wiki.train.txt");
    await page.fill('input[name="data.eval_file"]', "/data/wiki.valid.txt");
    await page.selectOption('select[name="data.format"]', "wikitext");
    await page.selectOption('select[name="data.tokenizer"]', "word");
    await page.fill('input[name="data.train_tokens"]', "5000");
    await page.fill('input[name="data.eval_tokens"]', "1000");
    await page.fill('input[name="model.context"]', "6");
    await page.fill('input[name="run.seed"]', "7");
    await page.fill('input[name="model.score_scale"]', "Auto");
    assert.equal(await page.locator('[data-error-for="model.score_scale"]').count(), 0);
    await shot(page, "flow-new");
    await page.getByRole("button", { name: "Create flow" }).click();
    await page.waitForURL(/\/flows\/\d+$/);
    flowId = Number(new URL(page.url()).pathname.split("/").pop());
    await page.locator("h1 [data-status=pending]").waitFor();
    const flow = await server.api("GET", `/api/flows/${flowId}`);
    assert.equal(flow.name, "Browser flow");
    const c = flow.config;
    assert.deepEqual(
      [c["search.phase_order"], c["ga.generations"], c["ts.iterations"], c["search.patience"], c["model.tier_config"]],
      ["bits_first", 30, 6, 5, "100,15,20,true;400,10,12,false;1000,5,8,true;rest,5,8,true"],
    );
    assert.deepEqual(
      [c["data.train_file"], c["data.eval_file"], c["data.format"], c["data.tokenizer"], c["data.train_tokens"], c["data.eval_tokens"], c["model.context"], c["run.seed"]],
      ["/data/wiki.train.txt", "/data/wiki.valid.txt", "wikitext", "word", 5000, 1000, 6, 7],
    );
    assert.equal(c["model.score_scale"], "auto", "the word goes out as the word, not as a number");
    assert.ok(!("fitness.percentile" in c), "an empty optional field is left out");

    // The flow page shows the data and the seed; unset values show the default in effect, never "—".
    const summary = await page.locator("[data-testid=flow-summary]").innerText();
    assert.match(summary, /data \/data\/wiki\.train\.txt \(word, 5000\/1000 tokens, context 6\) · seed 7/);
    assert.ok(!summary.includes("—"), summary);
    await page.locator("details.config-details summary").click();
    assert.equal(await page.locator('[data-testid=flow-config] [data-key="run.seed"] td').last().innerText(), "7");
    assert.equal(await page.locator('[data-testid=flow-config] [data-key="data.dir"] td').last().innerText(), "$WNN_DATA, else ~/.cache/wnn (default)");
    assert.equal(await page.locator('[data-testid=flow-config] [data-key="run.threads"] td').last().innerText(), "all cores (default)");
  });

  test("queues the flow and shows iterations arriving live without a reload", async () => {
    await page.evaluate(() => ((window).__sameDocument = true));
    await page.getByRole("button", { name: "Queue" }).click();
    await page.locator('h1 [data-status=running]').waitFor();
    const firstPhase = page.locator("[data-testid=experiments-table] tbody tr").first();
    await firstPhase.waitFor();
    await firstPhase.click();
    await page.waitForURL(/\/experiments\/\d+$/);
    await page.locator("[data-testid=iterations-table] tbody tr").first().waitFor();
    const before = await page.locator("[data-testid=iterations-table] tbody tr").count();
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=iterations-table] tbody tr").length > n, before);
    const after = await page.locator("[data-testid=iterations-table] tbody tr").count();
    assert.ok(after > before, `iterations grew from ${before} to ${after}`);
    // While the phase runs there is no full-data result yet; the training-part best is shown under its own name.
    const full = await page.locator("[data-testid=card-full-ce] .card-value").innerText();
    const running = await page.locator("h1 [data-status]").getAttribute("data-status");
    if (running === "running") assert.equal(full, "after the phase");
    assert.match(await page.locator("[data-testid=card-train-ce] .card-value").innerText(), /^\d+\.\d{4}$/);
    assert.equal(await page.evaluate(() => (window).__sameDocument), true, "the page was not reloaded");
    // Both charts render a canvas, fed with the same iterations as the table.
    await page.locator("[data-testid=ce-chart] canvas").waitFor();
    await page.locator("[data-testid=acc-chart] canvas").waitFor();
    await page.waitForFunction(() => Number(document.querySelector("[data-testid=ce-chart]")?.getAttribute("data-points")) === 30);
    await page.locator("[data-testid=card-iterations] .card-value", { hasText: /^30$/ }).waitFor();
    assert.equal(await page.locator("[data-testid=iterations-table] tbody tr").count(), 30);
    await shot(page, "experiment");
  });

  test("flow page follows the flow to completion with a cross-phase chart and final results", async () => {
    await page.goto(server.url + `/flows/${flowId}`);
    await page.locator('h1 [data-status=completed]').waitFor({ timeout: 60_000 });
    assert.equal(await page.locator("[data-testid=experiments-table] tbody tr").count(), 6);
    await page.locator("[data-testid=final-results]").waitFor();
    await page.waitForFunction(() => Number(document.querySelector("[data-testid=flow-chart]")?.getAttribute("data-points")) === 3 * 30 + 3 * 6);
    await shot(page, "flow-detail");
    await page.goto(server.url + "/flows");
    await page.locator(`[data-flow-id="${flowId}"] [data-status=completed]:visible`).waitFor();
    await page.locator("[data-filter=running]").click();
    await page.getByText("No running flows.").waitFor();
    await page.locator("[data-filter=completed]").click();
    await page.locator(`[data-flow-id="${flowId}"]`).waitFor();
    await shot(page, "flows");
    await page.goto(server.url + "/experiments");
    await page.locator("[data-testid=all-experiments] tbody tr").nth(5).waitFor();
    await shot(page, "experiments");
  });

  test("names the full-data and training-part metrics apart on the experiment and flow pages, with units", async () => {
    const apiExps = await (await fetch(`${server.url}/api/flows/${flowId}/experiments`)).json();
    assert.equal(apiExps.length, 6);
    for (const e of apiExps) {
      assert.equal(typeof e.full_data_ce, "number");
      assert.equal(typeof e.train_part_best_ce, "number");
      assert.notEqual(e.full_data_ce, e.train_part_best_ce, "the synthetic flow's full-data result differs from its training part");
      assert.equal("best_fitness" in e, false);
    }
    const first = apiExps[0];
    const iterations = await (await fetch(`${server.url}/api/experiments/${first.id}/iterations`)).json();
    const fmt = (v) => v.toFixed(4);
    await page.goto(server.url + `/experiments/${first.id}`);
    await page.locator("[data-testid=card-full-ce] .card-label", { hasText: "Full-data CE (nats)" }).waitFor();
    await page.locator("[data-testid=card-full-ce] .card-value", { hasText: fmt(first.full_data_ce) }).waitFor();
    await page.locator("[data-testid=card-train-ce] .card-label", { hasText: "Best training-part CE (nats)" }).waitFor();
    const trainBest = Math.min(...iterations.map((r) => r.best_ce));
    await page.locator("[data-testid=card-train-ce] .card-value", { hasText: fmt(trainBest) }).waitFor();
    await page.locator("[data-testid=ce-chart] .u-legend", { hasText: "best CE (training part)" }).waitFor();
    assert.match(await page.locator("[data-testid=ce-chart]").innerText(), /on the training part \(nats\)/);
    assert.match(await page.locator("[data-testid=iterations-table] thead").innerText(), /Best CE \(train part, nats\)/i);

    await page.goto(server.url + `/flows/${flowId}`);
    const bestFull = Math.min(...apiExps.map((e) => e.full_data_ce));
    await page.locator("[data-testid=card-best-full-ce] .card-value", { hasText: fmt(bestFull) }).waitFor();
    await page.locator("[data-testid=card-final-ce] .card-value", { hasText: fmt(apiExps[5].full_data_ce) }).waitFor();
    // One series per phase (training part), never joined across phases, plus the full-data points: 6 + 1 (+ x).
    await page.locator("[data-testid=flow-chart] .u-legend", { hasText: "full data (phase end)" }).waitFor();
    const legend = await page.locator("[data-testid=flow-chart] .u-legend .u-series").allInnerTexts();
    assert.equal(legend.length, 1 + 6 + 1, legend.join(" | "));
    for (const key of ["1a", "1b", "2a", "2b", "3a", "3b"]) assert.ok(legend.some((l) => l.includes(`${key} training part`)), key);
    await page.locator("[data-testid=flow-acc-chart] canvas").waitFor();
    const table = await page.locator("[data-testid=experiments-table] thead").innerText();
    assert.match(table, /Full-data CE \(nats\)/i);
    assert.match(table, /Best train-part CE/i);
  });

  test("downloads a checkpoint, seeds a flow from another and deletes it past the reference warning", async () => {
    await page.goto(server.url + "/checkpoints");
    const cards = page.locator("[data-checkpoint-id]");
    await cards.nth(5).waitFor();
    const [first, second] = [cards.nth(0), cards.nth(1)];
    const firstId = Number(await first.getAttribute("data-checkpoint-id"));
    const secondId = Number(await second.getAttribute("data-checkpoint-id"));

    const [download] = await Promise.all([page.waitForEvent("download"), first.locator("[data-action=download]").click()]);
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 2)], [0x1f, 0x8b], "a gzip file");
    assert.match(download.suggestedFilename(), /\.json\.gz$/);

    // Seed a flow from the second checkpoint through the builder: it becomes referenced.
    await second.locator("[data-action=seed]").click();
    await page.waitForURL(/\/flows\/new\?seed=\d+$/);
    assert.equal(await page.locator("select[name=seed_checkpoint]").inputValue(), String(secondId));
    await page.fill("input[name=name]", "Seeded flow");
    await page.getByRole("button", { name: "Create flow" }).click();
    await page.waitForURL(/\/flows\/\d+$/);
    assert.equal((await server.api("GET", `/api/checkpoints/${secondId}`)).reference_count, 1);

    await page.goto(server.url + "/checkpoints");
    const referenced = page.locator(`[data-checkpoint-id="${secondId}"]`);
    await referenced.locator("[data-action=delete]").click();
    await referenced.getByText("Referenced by 1 flow.").waitFor();
    await shot(page, "checkpoint-delete-warning");
    await referenced.getByRole("button", { name: "Delete anyway" }).click();
    await referenced.waitFor({ state: "detached" });

    const plain = page.locator(`[data-checkpoint-id="${firstId}"]`);
    await plain.locator("[data-action=delete]").click();
    await plain.getByRole("button", { name: "Delete", exact: true }).click();
    await plain.waitFor({ state: "detached" });
    const left = (await server.api("GET", "/api/checkpoints")).map((c) => c.id);
    assert.ok(!left.includes(firstId) && !left.includes(secondId), "both rows are gone on the server");
    const gone = await fetch(server.url + `/api/checkpoints/${firstId}/download`);
    assert.equal(gone.status, 404);
    await shot(page, "checkpoints");
  });

  test("creates and queues in one step, stops the running flow and restarts it", async () => {
    await page.goto(server.url + "/flows/new");
    await page.fill("input[name=name]", "Stop me");
    await page.fill('input[name="ga.generations"]', "400");
    await page.getByRole("button", { name: "Create and queue" }).click();
    await page.waitForURL(/\/flows\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    await page.locator("h1 [data-status=running]").waitFor();
    await page.locator("[data-testid=experiments-table] tbody tr [data-status=running]:visible").waitFor();
    await page.getByRole("button", { name: "Stop" }).click();
    await page.locator("h1 [data-status=cancelled]").waitFor();
    await page.locator("[data-testid=experiments-table] tbody tr [data-status=cancelled]:visible").waitFor();
    const stopped = await server.api("GET", `/api/checkpoints`);
    assert.ok(stopped.some((c) => c.name === `flow-${id}-phase-1a-stopped` && !c.is_final), "a stop leaves a checkpoint");
    await shot(page, "flow-cancelled");
    await page.getByRole("button", { name: "Restart" }).click();
    await page.locator("h1 [data-status=running]").waitFor();
    await page.getByRole("button", { name: "Stop" }).click();
    await page.locator("h1 [data-status=cancelled]").waitFor();
  });

  test("shows the lost connection, reconnects with backoff after a server restart and restores state from the snapshot", async () => {
    await page.goto(server.url + "/flows");
    await page.locator('[data-testid=connection][data-state=open][data-snapshots="1"]').waitFor();
    await server.stop();
    await page.locator("[data-testid=connection][data-state=offline]").waitFor();
    await page.getByText(/Offline, retrying in/).waitFor();
    await shot(page, "offline");
    // Let the backoff grow, then change the database while the browser is still disconnected.
    await page.waitForFunction(() => Number(document.querySelector("[data-testid=connection]")?.getAttribute("data-attempt")) >= 3);
    await server.start();
    const created = await server.api("POST", "/api/flows", { name: "Created while offline", config: { ga_generations: 2, ts_iterations: 2 } });
    await page.locator("[data-testid=connection][data-state=open]").waitFor({ timeout: 30_000 });
    assert.ok(Number(await page.locator("[data-testid=connection]").getAttribute("data-snapshots")) >= 2);
    await page.locator(`[data-flow-id="${created.id}"]`).waitFor();
    await page.locator(`[data-flow-id="${flowId}"] [data-status=completed]:visible`).waitFor();
    // Live again: a queued flow runs and its badge changes without a reload.
    await server.api("POST", `/api/flows/${created.id}/queue`);
    await page.locator(`[data-flow-id="${created.id}"] [data-status=completed]:visible`).waitFor({ timeout: 60_000 });
  });

  test("is usable at phone width", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(server.url + `/flows/${flowId}`);
    await page.locator("[data-testid=flow-chart] canvas").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal page scroll at phone width (overflow ${overflow}px)`);
    const tableOverflow = () =>
      page.evaluate(() => Math.max(...[...document.querySelectorAll(".table-wrap")].map((w) => w.scrollWidth - w.clientWidth)));
    assert.ok((await tableOverflow()) <= 1, "the phases table fits without sideways scrolling");
    await shot(page, "flow-detail-phone");
    const experimentId = await page.locator("[data-testid=experiments-table] tbody tr").first().getAttribute("data-experiment-id");
    await page.goto(server.url + `/experiments/${experimentId}`);
    await page.locator("[data-testid=ce-chart] canvas").waitFor();
    await shot(page, "experiment-phone");
    await page.goto(server.url + "/flows/new");
    await shot(page, "flow-new-phone");
    await page.goto(server.url + "/flows");
    await page.locator("[data-testid=flows-table]").waitFor();
    assert.ok((await tableOverflow()) <= 1, "the flows table fits without sideways scrolling");
    await shot(page, "flows-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
    assert.deepEqual(errors, [], "no uncaught page errors");
  });
});
