import ArgumentParser
import Foundation
import Reproduction

struct ReadmeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "readme",
        abstract: "Rewrite the generated regions of README.md and docs/*.md from the published baselines and the bench record.",
        discussion: """
        Replaces the lines between `<!-- BEGIN generated:NAME -->` and `<!-- END generated:NAME -->` (NAME: \
        findings, costs, bench) with what report/published/<profile>/{values,expectations,provenance}.json and \
        docs/bench.txt say. Run from the repository root. With --check nothing is written, and the command exits 1 \
        when a file would change. Exits 2 on an unknown region, an unpaired marker or an unreadable baseline.
        """)
    @Flag(help: "Write nothing; exit 1 when a file is out of date.")
    var check = false

    func run() throws {
        let changed: [String]
        do {
            changed = try ReadmeRegions(root: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).update(write: !check)
        } catch { throw fail(error) }
        for file in changed { print(check ? "out of date: \(file) (run `make readme`)" : "rewrote \(file)") }
        if check && !changed.isEmpty { throw ExitCode(1) }
        if changed.isEmpty { print("README.md and docs/ are up to date") }
    }
}
