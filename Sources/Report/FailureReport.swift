/// The report of a run in which tasks failed before the report's values existed. It replaces the
/// previous report, whose verdicts would otherwise be read as current: it lists the failed and
/// skipped tasks, and marks every expectation "not checked (task X failed)" (verdict missing, so
/// it fails the build and `repro diff` sees it as worse).
import Foundation
import Pipeline

extension ReportBuilder {
    /// Writes the failure report for `summary` into `outputDirectory`, in the same files as a full
    /// report. `valuesTasks` are the tasks whose outputs the report quotes: the failed tasks
    /// upstream of them are the ones that leave the expectations unchecked.
    public static func buildFailed(graph: TaskGraph, summary: RunSummary, valuesTasks: [TaskID], profile: String?,
                                   expectations: [Expectation], outputDirectory: URL, html: Bool = true,
                                   pandoc: String = "pandoc") throws -> ReportOutcome {
        let upstream = Plan.selection(graph, valuesTasks)
        let blamed = summary.failed.map(\.id).filter { upstream.contains($0) }
        let reason = notChecked(blamed.isEmpty ? summary.failed.map(\.id) : blamed)
        let results = expectations.map {
            ExpectationResult(expectation: $0, ours: nil, value: nil, standardError: nil, reference: nil, verdict: .missing, detail: reason)
        }
        var values = ValueStore()
        values.set("profile", profile ?? "base")
        return try write(markdown: failureMarkdown(summary: summary, results: results, profile: profile), results: results,
                         values: values, profile: profile, outputDirectory: outputDirectory, html: html, pandoc: pandoc)
    }

    /// Removes the report files of `outputDirectory` (when even the failure report cannot be
    /// written); returns the paths it could not remove.
    public static func removeReport(in outputDirectory: URL) -> [String] {
        ["report.html", "report.md", "expectations.json", "values.json"].compactMap { name in
            let url = outputDirectory.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { return nil }
            return (try? FileManager.default.removeItem(at: url)) == nil ? url.path : nil
        }
    }

    /// "not checked (task a failed)", "not checked (tasks a, b and 3 more failed)".
    static func notChecked(_ ids: [TaskID]) -> String {
        let names = ids.prefix(3).map(\.description).joined(separator: ", ")
        let more = ids.count > 3 ? " and \(ids.count - 3) more" : ""
        return "not checked (task\(ids.count == 1 ? "" : "s") \(names)\(more) failed)"
    }

    static func failureMarkdown(summary: RunSummary, results: [ExpectationResult], profile: String?) -> String {
        let e = ReportText.escape
        var lines = ["# Reproduction report (profile \(e(profile ?? "base"))): the run failed", "",
                     "**\(summary.failed.count) task(s) failed and \(summary.skipped.count) were skipped because an input failed. "
                     + "The report's values were not computed, so no expectation was checked. This page replaces the previous "
                     + "report; `results/` holds only the outputs of tasks that are up to date.**", "",
                     "## Failed tasks", "", "| Task | Error |", "|---|---|"]
        lines += summary.failed.map { "| \(e($0.id.description)) | \(e($0.message)) |" }
        if !summary.skipped.isEmpty {
            lines += ["", "## Skipped tasks", "", summary.skipped.map { e($0.description) }.joined(separator: ", ")]
        }
        lines += ["", "## Expectations", ""]
        if results.isEmpty {
            lines.append("*No expectations for profile \(e(profile ?? "base")).*")
        } else {
            lines += ["| Check | Quantity | Expected | Verdict |", "|---|---|---|---|"]
            lines += results.map {
                "| \(e($0.expectation.name)) | \(e($0.expectation.description ?? $0.expectation.quantity)) | \(e($0.expectedText)) | "
                + "\(ReportRenderer.badge(.missing)) \(e($0.detail)) |"
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
