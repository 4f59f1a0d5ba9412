// `repro diff OLD NEW` (issue 16 §4) on hand-made pairs of report builds.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

@Suite struct ReportDiffTests {
    /// Writes a build directory with expectations.json (and values.json when given).
    static func build(_ entries: [(name: String, quantity: String, value: Double?, sem: Double?, verdict: Verdict)],
                      values: String? = nil, profile: String = "p", in root: URL, _ label: String) throws -> URL {
        let dir = root.appendingPathComponent(label)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = ExpectationsFile(profile: profile, failed: false, counts: [:], expectations: entries.map {
            .init(name: $0.name, quantity: $0.quantity, description: nil, ours: $0.value.map { String($0) } ?? "Θ̄", value: $0.value,
                  standardError: $0.sem, expected: "1", reference: "–", verdict: $0.verdict, detail: "detail of \($0.name)", knownDeviation: nil)
        })
        try JSONEncoder().encode(file).write(to: dir.appendingPathComponent("expectations.json"))
        if let values { try values.write(to: dir.appendingPathComponent("values.json"), atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func valuesBeyondToleranceAndFlippedVerdictsAreListed() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let old = try Self.build([("a", "q.a", 0.5, 0.01, .pass), ("b", "q.b", 2.0, nil, .pass), ("c", "q.c", 1.0, nil, .fail),
                                  ("d", "q.d", nil, nil, .pass)],
                                 values: #"{"values": {"extra": 1.0, "name": "Θ̄", "table": {"columns": [], "rows": []}, "tiny": 1e-20, "tau": "nan"}}"#, in: root, "old")
        let new = try Self.build([("a", "q.a", 0.5 + 1e-9, 0.01, .pass), ("b", "q.b", 2.5, nil, .knownDeviation), ("c", "q.c", 1.0, nil, .pass),
                                  ("d", "q.d", nil, nil, .pass)],
                                 values: #"{"values": {"extra": 1.0, "name": "ρ̄", "tiny": 2e-20, "tau": "nan"}}"#, in: root, "new")
        let diff = ReportDiff.compare(old: try ReportDiff.load(old), new: try ReportDiff.load(new))
        // 1e-9 on 0.5 is inside the default rtol; 2e-20 vs 1e-20 inside atol; the table is ignored.
        #expect(diff.values.map(\.key) == ["name", "q.b"])
        #expect(diff.values[1].difference == 0.5)
        #expect(diff.verdicts.map(\.name) == ["b", "c"])
        #expect(diff.verdicts[0].worse && !diff.verdicts[1].worse)
        #expect(diff.worse)
        #expect(diff.text.contains("q.b   2 → 2.5  (Δ 0.5, +25%)"))
        #expect(diff.text.contains("b  pass → known deviation  WORSE: detail of b"))
        #expect(diff.text.hasSuffix("a verdict got worse"))
        #expect(diff.markdown.contains("| q.b | 2 | 2.5 | 0.5 | +25% |"))
        #expect(diff.markdown.contains("| b | pass | known deviation | **worse**: detail of b |"))
        // A tighter tolerance sees the 1e-9 change.
        #expect(ReportDiff.compare(old: try ReportDiff.load(old), new: try ReportDiff.load(new), rtol: 1e-12).values.map(\.key)
                .contains("q.a"))
    }

    @Test func identicalOrImprovedBuildsAreNotWorse() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = try Self.build([("x", "q.x", nil, nil, .missing), ("y", "q.y", 1, nil, .knownDeviation)], in: root, "a")
        let b = try Self.build([("x", "q.x", nil, nil, .missing), ("y", "q.y", 1, nil, .unexpectedPass)], in: root, "b")
        let same = ReportDiff.compare(old: try ReportDiff.load(a), new: try ReportDiff.load(a))
        #expect(same.values.isEmpty && same.verdicts.isEmpty && !same.worse)
        let better = ReportDiff.compare(old: try ReportDiff.load(a), new: try ReportDiff.load(b))
        #expect(better.verdicts.count == 1 && !better.worse)
    }

    /// Issue 24 item 4: a check that vanished counts as worse (it ranks with missing); a new one,
    /// even failing, is shown but is no worse than none.
    @Test func aVerdictThatDisappearsIsWorseOneThatAppearsIsNot() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let a = try Self.build([("x", "q.x", 1, nil, .pass), ("k", "q.k", 1, nil, .knownDeviation), ("f", "q.f", 1, nil, .fail)], in: root, "a")
        let b = try Self.build([("y", "q.y", 1, nil, .fail)], in: root, "b")
        let d = ReportDiff.compare(old: try ReportDiff.load(a), new: try ReportDiff.load(b))
        #expect(d.verdicts.map(\.name) == ["f", "k", "x", "y"])
        #expect(d.verdicts.map(\.worse) == [false, true, true, false])
        #expect(d.worse)
        #expect(d.text.contains("x  pass → absent  WORSE: not in the new build"))
        #expect(d.text.hasSuffix("a verdict got worse"))
        #expect(!ReportDiff.compare(old: try ReportDiff.load(b), new: try ReportDiff.load(a)).verdicts.contains { $0.name == "y" && $0.worse })
    }

    /// Issue 24 item 4: every check and every value gone from the new build exited 0.
    @Test func aBuildThatLostEverythingIsWorseAndSaysWhatVanished() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let old = try Self.build([("a", "q.a", 0.5, 0.01, .pass), ("b", "q.b", 2, nil, .pass)],
                                 values: #"{"values": {"extra": 1.0, "name": "Θ̄"}}"#, in: root, "old")
        let new = try Self.build([], values: #"{"values": {}}"#, in: root, "new")
        let d = ReportDiff.compare(old: try ReportDiff.load(old), new: try ReportDiff.load(new))
        #expect(d.worse && d.verdicts.allSatisfy(\.worse) && d.verdicts.count == 2)
        #expect(d.values.map(\.key) == ["extra", "name", "q.a", "q.a.sem", "q.b"] && d.values.allSatisfy { $0.new == nil })
        #expect(d.text.contains("values: 5 changed beyond rtol 1e-06, atol 1e-12 (5 absent from the new build)"))
        #expect(d.text.contains("extra    1 → absent"))
        #expect(d.markdown.contains("**2 got worse**"))
    }

    /// Issue 24 item 4: a failing entry followed by a passing one of the same name (the last won).
    @Test func aNameListedTwiceIsAMalformedBuild() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let twice = try Self.build([("x", "q.x", 1, nil, .fail), ("y", "q.y", 1, nil, .pass), ("x", "q.x", 1, nil, .pass)], in: root, "twice")
        #expect { try ReportDiff.load(twice) } throws: {
            "\($0)" == "\(twice.path)/expectations.json: expectation 'x' appears more than once; a report build lists each expectation once, so this build is malformed"
        }
    }

    /// Issue 24 item 4: builds of different profiles differ by design; the CLI refuses them
    /// unless told (ReproTests.DiffExitTests), and the diff says so when it is told.
    @Test func buildsOfDifferentProfilesAreNamed() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let smoke = try ReportDiff.load(try Self.build([("x", "q.x", 1, nil, .pass)], profile: "smoke", in: root, "s"))
        let ci = try ReportDiff.load(try Self.build([("x", "q.x", 1, nil, .pass)], profile: "ci", in: root, "c"))
        #expect(smoke.profile == "smoke")
        #expect(ReportDiff.profileChange(old: smoke, new: smoke, oldPath: "A", newPath: "B") == nil)
        #expect(ReportDiff.profileChange(old: smoke, new: ci, oldPath: "A", newPath: "B")
                == "A is a build of profile 'smoke' but B of 'ci': their values and checks differ by design")
        let d = ReportDiff.compare(old: smoke, new: ci)
        #expect(d.text.hasPrefix("profiles differ: smoke → ci\n") && !d.worse)
        #expect(d.markdown.contains("**Profiles differ:** smoke → ci."))
        #expect(!ReportDiff.compare(old: smoke, new: smoke).text.contains("profiles differ"))
    }

    @Test func badBuildsAreClearErrors() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect { try ReportDiff.load(root.appendingPathComponent("nope")) } throws: { "\($0)".contains("no such report build directory") }
        #expect { try ReportDiff.load(root) } throws: { "\($0)".contains("expectations.json: missing") }
        try Data("{}".utf8).write(to: root.appendingPathComponent("expectations.json"))
        #expect { try ReportDiff.load(root) } throws: { "\($0)".contains("not a report's expectations file") }
        let ok = try Self.build([("x", "q.x", 1, nil, .pass)], values: "[1, 2]", in: root, "ok")
        #expect { try ReportDiff.load(ok) } throws: { "\($0)".contains("values.json: not a report's values file") }
    }
    /// Issue 24 item 14: keys, names, text values and details went to the terminal raw.
    @Test func controlCharactersAreShownNeverSentAndCannotForgeTheSummary() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let forged = "x\u{1B}[2J\nno verdict got worse"
        let old = try Self.build([(forged, "q.x", 1, nil, .pass)],
                                 values: #"{"values": {"k\u001b]0;title\u0007\nno verdict got worse": 1, "t": "a\u009b31m|b"}}"#, in: root, "old")
        let new = try Self.build([(forged, "q.x", 1, nil, .fail)],
                                 values: #"{"values": {"k\u001b]0;title\u0007\nno verdict got worse": 2, "t": "c\u202ed\u2028"}}"#, in: root, "new")
        let d = ReportDiff.compare(old: try ReportDiff.load(old), new: try ReportDiff.load(new))
        #expect(d.worse && d.values.count == 2 && d.verdicts.count == 1)
        for output in [d.text, d.markdown] {
            let raw = output.unicodeScalars.filter { $0 != "\n" && [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) }
            #expect(raw.isEmpty, "raw control characters \(raw.map(\.value))")
            #expect(!output.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "no verdict got worse" })
        }
        #expect(d.text.contains(#"x\u{1B}[2J\u{A}no verdict got worse  pass → fail  WORSE"#))
        #expect(d.text.contains(#"a\u{9B}31m|b → c\u{202E}d\u{2028}"#))
        #expect(d.text.hasSuffix("\na verdict got worse"))
        // Markdown also escapes the cell separator.
        #expect(d.markdown.contains(#"| t | a\\u\{9B\}31m\|b | c\\u\{202E\}d\\u\{2028\} |"#))
    }

    /// Issue 24 item 14: every line was padded to the longest key (125 kB of values gave 41 MB).
    @Test func oneLongKeyDoesNotWidenEveryLine() throws {
        let root = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let long = String(repeating: "k", count: 10_000)
        func values(_ x: Int) -> String {
            "{\"values\": {" + ((0..<1000).map { "\"key\($0)\": \(x)" } + ["\"\(long)\": \(x)"]).joined(separator: ", ") + "}}"
        }
        let old = try Self.build([], values: values(1), in: root, "old"), new = try Self.build([], values: values(2), in: root, "new")
        let d = ReportDiff.compare(old: try ReportDiff.load(old), new: try ReportDiff.load(new))
        #expect(d.values.count == 1001)
        // Was 1001 lines × 10 000 columns ≈ 10 MB; now the long key once plus 1000 short lines.
        #expect(d.text.utf8.count < 10_000 + 1001 * 100, "\(d.text.utf8.count) bytes")
        #expect(d.markdown.utf8.count < 10_000 + 1001 * 100, "\(d.markdown.utf8.count) bytes")
        #expect(d.text.contains("\n  key0" + String(repeating: " ", count: 56) + "  1 → 2  (Δ 1, +1e+02%)\n"))
        #expect(d.text.contains("\n  \(long)  1 → 2"))
    }
}
