// The flow builder's phase editor and templates (docs/flows.md) in Debian's chromium against a real server.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { TestServer, browserAvailable, buildAll, launchBrowser, openPage, shot } from "./harness.mjs";

const skip = browserAvailable() ? false : "chromium not found at /usr/bin/chromium (scripts/test-prereqs.sh installs it as root)";

describe("flow builder phases in chromium", { skip }, () => {
  let server;
  let browser;
  let page;
  const errors = [];

  before(async () => {
    buildAll();
    server = await TestServer.create(50);
    browser = await launchBrowser();
    page = await openPage(browser, errors);
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const preview = () => page.locator("[data-testid=phases-preview]").innerText();
  const types = () => page.locator("[data-testid=phases] select").evaluateAll((s) => s.map((x) => x.value));

  test("templates fill the phase list; the phase order reorders the standard one", async () => {
    const schema = await server.api("GET", "/api/config/schema");
    assert.deepEqual(schema.templates.map((t) => t.name), ["standard-6-phase", "quick-4", "bitwise-7", "bitwise-10", "empty"]);
    assert.deepEqual(schema.phase_types, ["grid", "ga_neurons", "ts_neurons", "ga_bits", "ts_bits", "ga_connections", "ts_connections"]);
    assert.ok(schema.keys.find((k) => k.name === "ga.generations").per_phase);
    assert.ok(!schema.keys.find((k) => k.name === "search.population").per_phase);

    await page.goto(server.url + "/flows/new");
    await page.locator("[data-testid=phases]").waitFor();
    assert.equal(await preview(), "search.phases: ga_neurons; ts_neurons; ga_bits; ts_bits; ga_connections; ts_connections");
    assert.deepEqual(await page.locator(".phase-key").allInnerTexts(), ["1a", "1b", "2a", "2b", "3a", "3b"]);
    await page.selectOption('select[name="search.phase_order"]', "bits_first");
    assert.deepEqual((await types()).slice(0, 4), ["ga_bits", "ts_bits", "ga_neurons", "ts_neurons"]);
    await page.selectOption('select[name="flow.template"]', "quick-4");
    assert.equal(await preview(), "search.phases: ga_neurons; ga_bits; ga_connections; ts_connections");
    await page.selectOption('select[name="flow.template"]', "bitwise-10");
    assert.equal((await types()).length, 10);
    assert.equal((await types())[0], "grid");
  });

  test("an empty template needs a phase; phases are added, set, reordered and removed, and the flow gets the list", async () => {
    await page.fill("input[name=name]", "Composed flow");
    await page.selectOption('select[name="flow.template"]', "empty");
    assert.equal(await page.locator("[data-testid=phases] li").count(), 0);
    await page.getByRole("button", { name: "Create flow" }).click();
    assert.equal(await page.locator("[data-error-for=phases]").innerText(), "Add at least one phase.");

    await page.getByRole("button", { name: "Add phase" }).click();
    await page.getByRole("button", { name: "Add phase" }).click();
    await page.getByRole("button", { name: "Add phase" }).click();
    await page.selectOption('select[name="phase.0.type"]', "grid");
    await page.selectOption('select[name="phase.2.type"]', "ts_bits");
    await page.locator("[data-phase=\"0\"] summary").click();
    await page.fill('input[name="phase.0.grid.neurons"]', "3,5");
    await page.locator("[data-phase=\"1\"] summary").click();
    await page.fill('input[name="phase.1.ga.generations"]', "-4");
    assert.match(await page.locator('[data-error-for="phase.1.ga.generations"]').innerText(), /out of range/);
    await page.fill('input[name="phase.1.ga.generations"]', "7");
    assert.equal(await preview(), "search.phases: grid grid.neurons=3,5; ga_neurons ga.generations=7; ts_bits");
    await page.getByRole("button", { name: "Move phase 2a up" }).click();
    assert.deepEqual(await types(), ["grid", "ts_bits", "ga_neurons"]);
    await page.getByRole("button", { name: "Move phase 1a down" }).click();
    assert.deepEqual(await types(), ["ts_bits", "grid", "ga_neurons"]);
    await page.getByRole("button", { name: "Remove phase 1a" }).click();
    assert.equal(await preview(), "search.phases: grid grid.neurons=3,5; ga_neurons ga.generations=7");
    await shot(page, "flow-new-phases");

    await page.getByRole("button", { name: "Create flow" }).click();
    await page.waitForURL(/\/flows\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const flow = await server.api("GET", `/api/flows/${id}`);
    assert.equal(flow.config["flow.template"], "empty");
    assert.equal(flow.config["search.phases"], "grid grid.neurons=3,5; ga_neurons ga.generations=7");
    assert.deepEqual(errors, []);
  });

  test("a template left as it is sends no phase list (the server applies the template)", async () => {
    await page.goto(server.url + "/flows/new");
    await page.fill("input[name=name]", "Quick flow");
    await page.selectOption('select[name="flow.template"]', "quick-4");
    await page.getByRole("button", { name: "Create flow" }).click();
    await page.waitForURL(/\/flows\/\d+$/);
    const id = Number(new URL(page.url()).pathname.split("/").pop());
    const flow = await server.api("GET", `/api/flows/${id}`);
    assert.equal(flow.config["flow.template"], "quick-4");
    assert.equal("search.phases" in flow.config, false);
  });
});
