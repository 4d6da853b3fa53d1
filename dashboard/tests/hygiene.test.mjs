// Repository hygiene: the launcher's staleness check watches only real sources, and building the dashboard on a
// fresh checkout leaves every tracked file unchanged (npm ci works with the committed lock file).
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

function run(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  if (r.error) throw r.error;
  return r;
}

test("the launcher's staleness check ignores bin/ and obj/ and sees a changed source", () => {
  const root = mkdtempSync(join(tmpdir(), "wnn-stale-"));
  try {
    const files = ["src/A/a.cs", "src/A/A.csproj", "src/A/obj/project.assets.json", "src/A/obj/g.cs", "src/A/bin/Release/x.json",
      "Directory.Build.props", "Directory.Packages.props"];
    const old = new Date(Date.now() - 3600_000);
    for (const f of files) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), "x");
      utimesSync(join(root, f), old, old);
    }
    const stamp = join(root, "stamp");
    writeFileSync(stamp, "");
    const later = new Date(Date.now() + 60_000);
    for (const f of ["src/A/obj/project.assets.json", "src/A/obj/g.cs", "src/A/bin/Release/x.json"]) utimesSync(join(root, f), later, later);
    const script = join(repoRoot, "scripts", "stale-sources.sh");
    let r = run(script, [root, stamp]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, "", "generated files under bin/ and obj/ must not make the build stale");
    utimesSync(join(root, "src/A/a.cs"), later, later);
    r = run(script, [root, stamp]);
    assert.equal(r.stdout.trim(), join(root, "src/A/a.cs"));
    utimesSync(join(root, "src/A/a.cs"), old, old);
    utimesSync(join(root, "Directory.Packages.props"), later, later);
    r = run(script, [root, stamp]);
    assert.equal(r.stdout.trim(), join(root, "Directory.Packages.props"));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("building the dashboard on a fresh checkout leaves the tracked files unchanged", { timeout: 600_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), "wnn-clean-build-"));
  try {
    // A fresh checkout of what the build reads: the tracked dashboard files and the build script, as in the working tree.
    const tracked = run("git", ["ls-files", "dashboard", "scripts/build-dashboard.sh", ".gitignore"], repoRoot);
    assert.equal(tracked.status, 0, tracked.stderr);
    for (const f of tracked.stdout.split("\n").filter(Boolean)) {
      if (!existsSync(join(repoRoot, f))) continue;
      mkdirSync(dirname(join(root, f)), { recursive: true });
      cpSync(join(repoRoot, f), join(root, f));
    }
    for (const args of [["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "fresh"]]) {
      const g = run("git", args, root);
      assert.equal(g.status, 0, g.stderr);
    }
    const build = run(join(root, "scripts", "build-dashboard.sh"), [], root);
    assert.equal(build.status, 0, build.stderr);
    assert.doesNotMatch(build.stderr, /npm install/, "the build must not fall back to npm install");
    assert.ok(existsSync(join(root, "dashboard", "dist", "index.html")), "dist/index.html was not built");
    const status = run("git", ["status", "--porcelain"], root);
    assert.equal(status.stdout, "", "the build changed tracked files:\n" + status.stdout);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
