// The report does not trust the manifest (issue 14, item 13): manifest text is escaped, only the
// report's own files may be embedded, and report.html is never left truncated (item 4).
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct ReportSafetyTests {
    static let png = Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")!

    /// A repository-like layout: report/report.md, figures/<profile>/fig1.png, a secret file.
    struct Layout {
        var root: URL
        var source: URL { root.appendingPathComponent("report/report.md") }
        var out: URL { root.appendingPathComponent("report/build/default") }
        var figure: URL { root.appendingPathComponent("figures/default/fig1.png") }
        var secret: URL { root.appendingPathComponent("secret.txt") }

        init(report: String) throws {
            root = temporaryDirectory()
            let fm = FileManager.default
            try fm.createDirectory(at: figure.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.createDirectory(at: source.deletingLastPathComponent(), withIntermediateDirectories: true)
            try ReportSafetyTests.png.write(to: figure)
            try Data("TOPSECRET-4242".utf8).write(to: secret)
            try report.write(to: source, atomically: true, encoding: .utf8)
        }

        func build(_ expectations: [Expectation], profile: String = "default", values: ValueStore? = nil,
                   pandoc: String = "pandoc") throws -> ReportOutcome {
            var v = values ?? ValueStore()
            v.set("x", 1.0)
            v.setFigure("fig1", figure)
            return try ReportBuilder.build(source: source, profile: profile, values: v, expectations: expectations,
                                           provenance: nil, outputDirectory: out, pandoc: pandoc)
        }
    }

    static func base64(_ s: String) -> String { Data(s.utf8).base64EncodedString() }

    @Test func manifestTextCannotInjectScriptsOrEmbedFiles() throws {
        let layout = try Layout(report: "# Report\n\n## Results\n\nProfile {{profile}}, check {{check <script>alert(1)</script>}}.\n\n{{figure fig1 \"one\"}}\n")
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let hostile = [
            Expectation(name: "<script>alert(1)</script>", quantity: "x", target: .value(1),
                        reference: "paper.hostile", description: "![x](/etc/passwd)"),
            Expectation(name: "img", quantity: "x", target: .value(5), description: "![y](\(layout.secret.path)) [z](file:///etc/passwd)",
                        knownDeviation: "<img src=\"/etc/passwd\" onerror=\"alert(3)\"> <SCRIPT>alert(4)</SCRIPT>"),
            Expectation(name: "eq", quantity: "x", target: .equals(.string("<script>alert(5)</script>"))),
        ]
        var values = ValueStore()
        values.set("text", "<script>alert(6)</script>")
        values.set("paper.hostile", "<script>alert(2)</script>")
        let outcome = try layout.build(hostile, profile: "<script>alert(7)</script>", values: values)
        let html = try String(contentsOf: try #require(outcome.html), encoding: .utf8)
        #expect(html.range(of: "<script", options: .caseInsensitive) == nil)
        #expect(!html.contains("<img src=\"/etc/passwd\""))
        #expect(!html.contains("TOPSECRET") && !html.contains(Self.base64("TOPSECRET-4242")))
        let passwd = try String(contentsOfFile: "/etc/passwd", encoding: .utf8)
        #expect(!html.contains(String(passwd.prefix(12))) && !html.contains(String(Self.base64(passwd).prefix(16))))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))   // shown as text
        #expect(html.contains("![x](/etc/passwd)"))
        // The only image is the report's own figure.
        #expect(html.components(separatedBy: "<img").count == 2)
    }

    @Test func imagesAndLinksOutsideTheReportAreRefusedBeforePandocRuns() throws {
        for (target, fragment) in [("![a](/etc/passwd)", "/etc/passwd"), ("![b](../../../secret.txt)", "secret.txt"),
                                   ("[c](../../../secret.txt)", "secret.txt"), ("![d](http://example.com/x.png)", "remote image"),
                                   ("<img src=\"/etc/passwd\">", "/etc/passwd"), ("[e](file:///etc/passwd)", "scheme 'file'"),
                                   ("<script src=\"x.js\"></script>", "raw HTML"), ("<file:///etc/passwd>", "scheme 'file'")] {
            let layout = try Layout(report: "# R\n\nText.\n\n\(target)\n")
            defer { try? FileManager.default.removeItem(at: layout.root) }
            do {
                _ = try layout.build([])
                Issue.record("\(target) was accepted")
            } catch let e as ReportErrors {
                // Lines are those of the rendered report.md (the summary table was inserted above).
                #expect(e.errors.contains { $0.file.hasSuffix("report.md") && ($0.message + $0.directive).contains(fragment) }, "\(e)")
                #expect(!FileManager.default.fileExists(atPath: layout.out.appendingPathComponent("report.html").path))
            }
        }
    }

    @Test func theReportsOwnFilesLinksAndAnchorsPass() throws {
        let g = ResourceGuard(allowed: [URL(fileURLWithPath: "/r/report/build/p"), URL(fileURLWithPath: "/r/figures/p")],
                              base: URL(fileURLWithPath: "/r/report/build/p"))
        try g.check("""
        ![f](../../../figures/p/a.png){#fig-a} [s](#summary) [w](https://arxiv.org/abs/2408.12705) ![d](data:image/png;base64,AA==)
        `![code](/etc/passwd)` and \\![escaped]\\(/etc/passwd\\)
        [^note]: /etc/hosts named in a footnote, which is not a link definition
        [ref]: ../../../figures/p/b.png
        ```
        ![in a fence](/etc/passwd)
        ```
        """, file: "report.md")
        #expect(throws: ReportErrors.self) { try g.check("![f](../../../figures/other/a.png)", file: "report.md") }
        #expect(throws: ReportErrors.self) { try g.check("[ref]: /etc/passwd", file: "report.md") }
        #expect(throws: ReportErrors.self) { try g.check("![f](../../../figures/p/../../secret)", file: "report.md") }
    }

    /// A stand-in pandoc that truncates its output file, then dies as if killed.
    static func dyingPandoc(in dir: URL) throws -> String {
        let script = dir.appendingPathComponent("pandoc-dies.sh")
        try """
        #!/bin/sh
        [ "$1" = --version ] && { echo "pandoc 3.1.3"; exit 0; }
        while [ $# -gt 0 ]; do [ "$1" = --output ] && : > "$2"; shift; done
        kill -9 $$
        """.write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return script.path
    }

    @Test func aKillDuringRenderingNeverLeavesAnEmptyReport() throws {
        let layout = try Layout(report: "# R\n\nText.\n")
        defer { try? FileManager.default.removeItem(at: layout.root) }
        let pandoc = try Self.dyingPandoc(in: layout.root)
        let html = layout.out.appendingPathComponent("report.html")
        #expect(throws: (any Error).self) { try layout.build([], pandoc: pandoc) }
        #expect(!FileManager.default.fileExists(atPath: html.path))  // not a 0-byte page
        // With a previous report, all three files stay as they were (one consistent set).
        _ = try layout.build([])
        let before = try [html, layout.out.appendingPathComponent("report.md"), layout.out.appendingPathComponent("expectations.json")]
            .map { try Data(contentsOf: $0) }
        try "# R\n\nChanged.\n".write(to: layout.source, atomically: true, encoding: .utf8)
        #expect(throws: (any Error).self) { try layout.build([], pandoc: pandoc) }
        let after = try [html, layout.out.appendingPathComponent("report.md"), layout.out.appendingPathComponent("expectations.json")]
            .map { try Data(contentsOf: $0) }
        #expect(before == after && before[0].count > 1000)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: layout.out.path).filter { $0.hasSuffix(".partial") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }
}
