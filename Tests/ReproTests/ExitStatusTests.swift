import Foundation
import Testing

/// Issue 24 items 4 and 12 on the built binary: every usage error exits 2 like all bad input (it
/// exited 64), and `repro diff` exits 1 for a vanished check, 2 for a malformed build or a
/// change of profile (README, "Exit status").
@Suite(.enabled(if: Binary.exists, "needs the debug build of repro (swift build)"))
struct ExitStatusTests {
    /// Exit status, stdout and stderr of `repro arguments` run in `dir`.
    func run(_ arguments: [String], in dir: URL) throws -> (status: Int32, out: String, err: String) {
        let p = try Binary.start(arguments, in: dir)
        try #require(Binary.wait(p, limit: 60) != nil)
        let out = (try? String(contentsOf: dir.appendingPathComponent("stdout.txt"), encoding: .utf8)) ?? ""
        return (p.terminationStatus, out, Binary.stderr(dir))
    }

    @Test(arguments: [
        (["report", "--jobs", "0"], "Error: --jobs must be ≥ 1, got 0"),
        (["status", "--profile", "../x"], "Error: --profile '../x': "),
        (["diff", "a", "b", "--rtol=-1"], "Error: --rtol must be a finite number ≥ 0, got -1.0"),
        (["report", "--no-such-option"], "Error: Unknown option '--no-such-option'"),
        (["diff", "a"], "Error: Missing expected argument '<new>'"),
    ])
    func usageErrorsExit2WithTheMessage(arguments: [String], message: String) throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(arguments, in: dir)
        #expect(r.status == 2, "\(r.err)")
        #expect(r.err.contains(message) && r.err.contains("Usage: repro "), "\(r.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["stderr.txt", "stdout.txt"])
    }

    @Test func helpExits0AndStatesTheConvention() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["diff", "--help"], in: dir)
        #expect(r.status == 0 && r.err.isEmpty)
        #expect(r.out.contains("2 on bad input") && r.out.contains("--allow-profile-change"))
        #expect(try run(["--help"], in: dir).status == 0)
    }

    /// A report build directory with these expectations (name, verdict) of `profile`.
    func build(_ entries: [(String, String)], profile: String = "smoke", in dir: URL, _ label: String) throws -> String {
        let d = dir.appendingPathComponent(label)
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        let list = entries.map { #"{"name": "\#($0.0)", "quantity": "q.\#($0.0)", "value": 1, "expected": "1", "paper": "–", "verdict": "\#($0.1)", "detail": ""}"# }
        try Data(#"{"profile": "\#(profile)", "failed": false, "counts": {}, "expectations": [\#(list.joined(separator: ", "))]}"#.utf8)
            .write(to: d.appendingPathComponent("expectations.json"))
        return d.path
    }

    @Test func diffExitStatuses() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = try build([("a", "pass"), ("b", "pass")], in: dir, "good")
        #expect(try run(["diff", good, good], in: dir).status == 0)
        // Everything vanished (was exit 0).
        let empty = try build([], in: dir, "empty")
        let vanished = try run(["diff", good, empty], in: dir)
        #expect(vanished.status == 1 && vanished.out.contains("a  pass → absent  WORSE: not in the new build"), "\(vanished)")
        // A failing entry, then a passing one of the same name (the last won; was exit 0).
        let twice = try build([("a", "fail"), ("b", "pass"), ("a", "pass")], in: dir, "twice")
        let malformed = try run(["diff", good, twice], in: dir)
        #expect(malformed.status == 2 && malformed.out.isEmpty)
        #expect(malformed.err.contains("\(twice)/expectations.json: expectation 'a' appears more than once"), "\(malformed.err)")
        // Another profile: refused, or compared with a warning when allowed.
        let ci = try build([("a", "pass"), ("b", "pass")], profile: "ci", in: dir, "ci")
        let refused = try run(["diff", good, ci], in: dir)
        #expect(refused.status == 2 && refused.out.isEmpty)
        #expect(refused.err.contains("\(good) is a build of profile 'smoke' but \(ci) of 'ci'")
                && refused.err.contains("pass --allow-profile-change"), "\(refused.err)")
        let allowed = try run(["diff", good, ci, "--allow-profile-change"], in: dir)
        #expect(allowed.status == 0 && allowed.err.hasPrefix("warning: \(good) is a build of profile 'smoke'"), "\(allowed.err)")
        #expect(allowed.out.hasPrefix("profiles differ: smoke → ci"))
    }

    /// Wall times and engine speeds (cost.*) move with the machine: left out unless asked for.
    @Test func measuredValuesAreLeftOutUnlessAsked() throws {
        let dir = try Binary.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try build([("a", "pass")], in: dir, "a"), b = try build([("a", "pass")], in: dir, "b")
        try Data(#"{"values": {"cost.task_seconds": 10, "theta.peak": 2.0}}"#.utf8).write(to: URL(fileURLWithPath: a).appendingPathComponent("values.json"))
        try Data(#"{"values": {"cost.task_seconds": 99, "theta.peak": 2.5}}"#.utf8).write(to: URL(fileURLWithPath: b).appendingPathComponent("values.json"))
        let plain = try run(["diff", a, b], in: dir)
        #expect(plain.status == 0 && plain.out.contains("theta.peak") && !plain.out.contains("cost.task_seconds"), "\(plain)")
        let all = try run(["diff", a, b, "--include-measured"], in: dir)
        #expect(all.status == 0 && all.out.contains("theta.peak") && all.out.contains("cost.task_seconds"), "\(all)")
    }
}
