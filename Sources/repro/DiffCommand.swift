import ArgumentParser
import Foundation
import Pipeline
import Report

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two report builds: values that changed and verdicts that flipped.",
        discussion: """
        OLD and NEW are report build directories (report/build/<profile>/, each with expectations.json; \
        values.json is read when present). A value changed when |new − old| > atol + rtol·|old|. Exits 1 when a \
        verdict got worse (pass → known deviation, fail, missing or absent; known deviation → fail, missing or absent), \
        2 on bad input (a build that names an expectation twice is malformed). Builds of different profiles are refused \
        unless --allow-profile-change is given. Measured values (wall times and engine speeds, keys cost.*) move \
        with the machine and are left out unless --include-measured is given.
        """)
    @Argument(help: "The earlier report build directory.")
    var old: String
    @Argument(help: "The later report build directory.")
    var new: String
    @Option(help: "Relative tolerance.")
    var rtol = 1e-6
    @Option(help: "Absolute tolerance.")
    var atol = 1e-12
    @Option(help: "Output: text (terminal) or markdown (a table to paste into a pull request).")
    var format: Format = .text
    @Flag(help: "Compare builds of different profiles (with a warning) instead of refusing.")
    var allowProfileChange = false
    @Flag(help: "Also compare measured values (cost.*: wall times, engine speeds), which move with the machine.")
    var includeMeasured = false

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, markdown }

    func validate() throws {
        guard rtol >= 0, rtol.isFinite else { throw ValidationError("--rtol must be a finite number ≥ 0, got \(rtol)") }
        guard atol >= 0, atol.isFinite else { throw ValidationError("--atol must be a finite number ≥ 0, got \(atol)") }
    }

    func run() throws {
        let a: ReportDiff.Build, b: ReportDiff.Build
        do {
            a = try ReportDiff.load(URL(fileURLWithPath: old))
            b = try ReportDiff.load(URL(fileURLWithPath: new))
        } catch { throw fail(error) }
        if let change = ReportDiff.profileChange(old: a, new: b, oldPath: old, newPath: new) {
            guard allowProfileChange else { throw fail(ValidationError("\(change); compare builds of one profile, or pass --allow-profile-change")) }
            FileHandle.standardError.write(Data("warning: \(change)\n".utf8))
        }
        let all = ReportDiff.compare(old: a, new: b, rtol: rtol, atol: atol)
        let diff = includeMeasured ? all : all.ignoring(prefixes: ReportDiff.measuredKeyPrefixes)
        print(format == .markdown ? diff.markdown : diff.text)
        if diff.worse { throw ExitCode(1) }
    }
}
