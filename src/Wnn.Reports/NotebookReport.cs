using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Wnn.Reports;

/// <summary>
/// The report as a Jupyter notebook (nbformat 4.5): a summary cell, a cell holding the report's data (the JSON report),
/// then pandas and matplotlib cells for the trial table, history, slices, importance, the contour of the two most
/// important parameters and the learning curves. Nothing is executed: outputs are empty until the notebook is run.
/// </summary>
public static class NotebookReport
{
    /// <summary>The notebook's JSON text.</summary>
    public static string Write(StudyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string data = JsonReport.Write(report, null);
        var cells = new List<(string Type, string Source)>
        {
            ("markdown", Summary(report)),
            ("code", "import json\n\n# The report's data: trials, parameters, importance, correlations (as `wnn report --format json` writes them).\nDATA = json.loads(r\"\"\"" + data.TrimEnd() + "\"\"\")\ntrials = DATA[\"trials\"]\nobjective = DATA[\"objectives\"][0]\nminimize = DATA[\"directions\"][0] == \"minimize\"\nprint(len(trials), \"trials;\", sum(t[\"state\"] == \"complete\" for t in trials), \"complete\")"),
            ("code", "import pandas as pd\n\ndf = pd.DataFrame([{\"number\": t[\"number\"], \"state\": t[\"state\"], objective: (t[\"values\"] or [None])[0], **t[\"params\"], **t[\"metrics\"]} for t in trials])\ndf.sort_values(objective, ascending=minimize).head(20)"),
            ("code", "import matplotlib.pyplot as plt\n\ncomplete = [t for t in trials if t[\"state\"] == \"complete\" and t[\"values\"] and t[\"values\"][0] is not None]\nbest, curve = None, []\nfor t in complete:\n    v = t[\"values\"][0]\n    best = v if best is None or (v < best if minimize else v > best) else best\n    curve.append(best)\nfig, ax = plt.subplots(figsize=(8, 4))\nax.scatter([t[\"number\"] for t in complete], [t[\"values\"][0] for t in complete], s=8, label=\"complete trials\")\nax.step([t[\"number\"] for t in complete], curve, where=\"post\", color=\"C3\", label=\"best so far\")\nax.set(title=\"Optimization history\", xlabel=\"trial number\", ylabel=f\"{objective} (objective)\")\nax.legend()\nplt.show()"),
            ("code", "for p in DATA[\"parameters\"]:\n    xs = [t[\"params\"][p[\"name\"]] for t in complete if p[\"name\"] in t[\"params\"]]\n    ys = [t[\"values\"][0] for t in complete if p[\"name\"] in t[\"params\"]]\n    fig, ax = plt.subplots(figsize=(6, 3.5))\n    ax.scatter([str(x) for x in xs] if p[\"kind\"] == \"categorical\" else xs, ys, s=8)\n    if p[\"log\"]:\n        ax.set_xscale(\"log\")\n    ax.set(title=f\"Slice: {objective} by {p['name']}\", xlabel=f\"{p['name']} ({p['kind']} parameter)\", ylabel=f\"{objective} (objective)\")\n    plt.show()"),
            ("code", "importance = DATA[\"importance\"][\"fanova\"] or DATA[\"importance\"][\"ped_anova\"]\nif importance:\n    fig, ax = plt.subplots(figsize=(6, 3))\n    ax.barh(list(importance)[::-1], list(importance.values())[::-1])\n    ax.set(title=\"Parameter importance (fANOVA)\", xlabel=\"share of the objective's variance\")\n    plt.show()"),
            ("code", "top = [n for n in importance if all(n in t[\"params\"] and not isinstance(t[\"params\"][n], str) for t in complete)][:2] if importance else []\nif len(top) == 2 and len(complete) >= 3:\n    kinds = {p[\"name\"]: p for p in DATA[\"parameters\"]}\n    fig, ax = plt.subplots(figsize=(7, 5))\n    x = [t[\"params\"][top[0]] for t in complete]\n    y = [t[\"params\"][top[1]] for t in complete]\n    c = ax.tricontourf(x, y, [t[\"values\"][0] for t in complete], levels=10)\n    ax.scatter(x, y, s=6, c=\"white\", edgecolors=\"black\", linewidths=0.3)\n    for name, axis in ((top[0], \"x\"), (top[1], \"y\")):\n        if kinds[name][\"log\"]:\n            getattr(ax, f\"set_{axis}scale\")(\"log\")\n    fig.colorbar(c, label=objective)\n    ax.set(title=f\"Contour of {objective}\", xlabel=top[0], ylabel=top[1])\n    plt.show()"),
            ("code", "curves = [t for t in trials if t.get(\"intermediate\")]\nif curves:\n    fig, ax = plt.subplots(figsize=(8, 4))\n    for t in curves:\n        steps = sorted(t[\"intermediate\"], key=int)\n        color = {\"complete\": \"C0\", \"pruned\": \"C3\"}.get(t[\"state\"], \"C7\")\n        ax.plot([int(s) for s in steps], [t[\"intermediate\"][s] for s in steps], color=color, alpha=0.5, lw=0.8)\n    ax.set(title=\"Intermediate values (red: pruned)\", xlabel=\"step (as reported)\", ylabel=\"intermediate value\")\n    plt.show()"),
        };

        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("metadata");
            w.WriteStartObject("kernelspec");
            w.WriteString("name", "python3");
            w.WriteString("display_name", "Python 3");
            w.WriteString("language", "python");
            w.WriteEndObject();
            w.WriteStartObject("language_info");
            w.WriteString("name", "python");
            w.WriteString("file_extension", ".py");
            w.WriteEndObject();
            w.WriteString("title", "Report: " + report.Name);
            w.WriteEndObject();
            w.WriteNumber("nbformat", 4);
            w.WriteNumber("nbformat_minor", 5);
            w.WriteStartArray("cells");
            for (int i = 0; i < cells.Count; i++)
            {
                w.WriteStartObject();
                w.WriteString("id", "wnn-" + i.ToString(CultureInfo.InvariantCulture));
                w.WriteString("cell_type", cells[i].Type);
                w.WriteStartObject("metadata");
                w.WriteEndObject();
                w.WriteStartArray("source");
                string[] lines = cells[i].Source.Split('\n');
                for (int l = 0; l < lines.Length; l++)
                {
                    w.WriteStringValue(l < lines.Length - 1 ? lines[l] + "\n" : lines[l]);
                }

                w.WriteEndArray();
                if (cells[i].Type == "code")
                {
                    w.WriteStartArray("outputs");
                    w.WriteEndArray();
                    w.WriteNull("execution_count");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Summary(StudyReport report)
    {
        var sb = new StringBuilder();
        sb.Append("# Report: ").Append(report.Name).Append("\n\n");
        sb.Append(CultureInfo.InvariantCulture, $"{report.Trials.Count} trials; objectives: {string.Join(", ", report.ObjectiveNames.Select((o, i) => $"{o} ({report.Directions[i].ToString().ToLowerInvariant()})"))}.");
        if (report.Best is { } best)
        {
            sb.Append(CultureInfo.InvariantCulture, $" Best: trial {best.Number}, {report.ObjectiveNames[0]} = {ReportFormat.Number(best.Values![0])}.");
        }

        sb.Append("\n\nWritten by `wnn report --format ipynb`; run it with pandas and matplotlib installed.");
        return sb.ToString();
    }
}
