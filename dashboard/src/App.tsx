import { useEffect, useState } from "preact/hooks";
import { useLive } from "./live";
import { useLocation } from "./router";
import { CheckpointsPage } from "./pages/Checkpoints";
import { ExperimentPage } from "./pages/Experiment";
import { ExperimentsPage } from "./pages/Experiments";
import { FlowPage } from "./pages/Flow";
import { FlowNewPage } from "./pages/FlowNew";
import { FlowsPage } from "./pages/Flows";
import { ComparePage } from "./pages/Compare";
import { StudiesPage } from "./pages/Studies";
import { StudyPage } from "./pages/Study";

function route(url: URL) {
  const path = url.pathname.replace(/\/+$/, "") || "/";
  let m: RegExpMatchArray | null;
  if (path === "/" || path === "/flows") return <FlowsPage status={url.searchParams.get("status") ?? ""} />;
  if (path === "/flows/new") return <FlowNewPage seed={url.searchParams.get("seed")} />;
  if ((m = path.match(/^\/flows\/(\d+)$/))) return <FlowPage id={Number(m[1])} />;
  if (path === "/experiments") return <ExperimentsPage />;
  if ((m = path.match(/^\/experiments\/(\d+)$/))) return <ExperimentPage id={Number(m[1])} />;
  if (path === "/checkpoints") return <CheckpointsPage />;
  if (path === "/sweeps") return <StudiesPage kind="sweep" />;
  if (path === "/sweeps/compare") return <ComparePage ids={(url.searchParams.get("ids") ?? "").split(",").filter(Boolean)} />;
  if ((m = path.match(/^\/sweeps\/([^/]+)$/))) return <StudyPage key={m[1]} kind="sweep" id={decodeURIComponent(m[1])} />;
  if (path === "/studies") return <StudiesPage kind="study" />;
  if ((m = path.match(/^\/studies\/(\d+)$/))) return <StudyPage key={m[1]} kind="study" id={m[1]} />;
  return (
    <section>
      <h1>Not found</h1>
      <p>
        No page at <code>{path}</code>. <a href="/flows">Go to flows</a>.
      </p>
    </section>
  );
}

function ConnectionIndicator() {
  const store = useLive();
  const c = store.connection;
  const [, tick] = useState(0);
  useEffect(() => {
    if (c.state !== "offline") return;
    const t = window.setInterval(() => tick((n) => n + 1), 500);
    return () => window.clearInterval(t);
  }, [c.state]);
  const text =
    c.state === "open"
      ? "Live"
      : c.state === "connecting"
        ? "Connecting…"
        : `Offline, retrying in ${Math.max(0, Math.ceil(((c.retryAt ?? Date.now()) - Date.now()) / 1000))} s`;
  return (
    <div class={`conn conn-${c.state}`} data-testid="connection" data-state={c.state} data-snapshots={c.snapshots} data-attempt={c.attempt} title={`last event ${c.lastEventId}`}>
      <span class="conn-dot" />
      <span class="conn-text">{text}</span>
      {c.state === "offline" && (
        <button class="link-button" onClick={() => store.reconnectNow()}>
          retry now
        </button>
      )}
    </div>
  );
}

export function App() {
  const url = useLocation();
  const section = url.pathname.split("/")[1] || "flows";
  const nav = (href: string, label: string, key: string) => (
    <a href={href} class={section === key ? "active" : ""} aria-current={section === key ? "page" : undefined}>
      {label}
    </a>
  );
  return (
    <>
      <header class="topbar">
        <a href="/flows" class="brand">
          Wnn
        </a>
        <nav>
          {nav("/flows", "Flows", "flows")}
          {nav("/experiments", "Experiments", "experiments")}
          {nav("/checkpoints", "Checkpoints", "checkpoints")}
          {nav("/sweeps", "Sweeps", "sweeps")}
          {nav("/studies", "Studies", "studies")}
        </nav>
        <ConnectionIndicator />
      </header>
      <main>{route(url)}</main>
    </>
  );
}
