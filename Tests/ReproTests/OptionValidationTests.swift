import ArgumentParser
import Foundation
import Pipeline
import Reproduction
import Testing
@testable import repro

/// Issue 14, items 7 and 11: counts bounded with the allowed range, negative numbers reach
/// validate(), files and directories confused get plain messages.
@Suite struct OptionValidationTests {
    /// The message ArgumentParser would print for `arguments`, or nil if they parse.
    func message<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) -> String? {
        do { _ = try type.parse(arguments); return nil } catch { return type.message(for: error) }
    }

    @Test func hugeSweepsAreRefusedWithTheAllowedRange() {
        let base = ["--from", "c.xyz", "--temperature", "0.5", "--out", "d"]
        #expect(message(DynamicsCommand.self, base + ["--sweeps", "9223372036854775807"])
                == "--sweeps must be a whole number in 1…100000000000 (10^11), got 9223372036854775807")
        #expect(message(DynamicsCommand.self, base + ["--sweeps", "100000000000"])?.contains("trajectory length") == true)
        #expect(message(DynamicsCommand.self, base + ["--sweeps", "100", "--runs", "1000000"])
                == "--runs: 1000000 out of range: must be in [1.0, 1000.0]")  // the propensity stage's runs
        #expect(message(DynamicsCommand.self, base + ["--sweeps", "100"]) == nil)
        #expect(message(SimulateCommand.self, ["--temperature", "1", "--out", "x", "--n", "9223372036854775800"])
                == "--n: 9223372036854775800 out of range: must be in [25.0, 10000000.0]")
    }

    @Test func negativeNumbersParseAndFailValidationPlainly() {
        // Was "Missing value for '--max-d <max-d>'": "-5" looked like a short option.
        #expect(message(SelectCommand.self, ["--features", "f.npy", "--max-d", "-5"]) == "--max-d: -5 out of range: must be ≥ 1.0")
        #expect(message(SelectCommand.self, ["--features", "f.npy", "--max-d=-5"]) == "--max-d: -5 out of range: must be ≥ 1.0")
        #expect(message(SimulateCommand.self, ["--temperature", "-1", "--out", "x"]) == "--temperature: -1.0 out of range: must be > 0.0")
        #expect(message(SimulateCommand.self, ["--temperature", "1", "--sweeps", "-3", "--out", "x"])
                == "--sweeps must be a whole number in 1…100000000000 (10^11), got -3")
        #expect(message(DynamicsCommand.self, ["--from", "c.xyz", "--temperature", "1", "--sweeps", "10", "--origins", "-2", "--out", "d"])
                == "--origins: -2 out of range: must be in [1.0, 10000.0]")
        #expect(message(DescriptorsCommand.self, ["c.xyz", "--radius", "-4"]) == "--radius: -4.0 out of range: must be > 0.0")
        #expect(message(DescriptorsCommand.self, ["c.xyz", "--ells", "-1,2"]) == "--ells: element 0: -1.0 out of range: must be > 0.0")
        #expect(message(ImbalanceCommand.self, ["a.npy", "b.npy", "--columns-a", "-1"]) == nil) // reaches parseColumns
        #expect(message(RunTaskCommand.self, ["--key", "k", "--jobs", "-2"]) == "--jobs must be ≥ 1, got -2")
        #expect(message(ReportCommand.self, ["--jobs", "-5"]) == "--jobs must be ≥ 1, got -5")
    }

    /// Issue 26 §3: an option that sets a stage field takes the field's default, limits and
    /// message (the manifest's, `FieldSpec.check`), so the two ways in cannot drift apart.
    @Test func optionsShareTheStageFieldsDefaultsAndMessages() throws {
        let dynamics = ["--from", "c.xyz", "--temperature", "1", "--sweeps", "10", "--out", "d"]
        #expect(try DynamicsCommand.parse(dynamics).origins == SimulationStages.Relaxation.origins.defaultValue?.intValue)
        #expect(try SelectCommand.parse(["--features", "f.npy"]).maxD == ImbalanceStage.maxD.defaultValue?.intValue)
        let simulate = try SimulateCommand.parse(["--temperature", "1", "--out", "x"])
        #expect(simulate.windowSweeps == SimulationStages.Equilibrate.window.defaultValue?.intValue)
        #expect(simulate.maxSwapSweeps == SimulationStages.Equilibrate.budget.defaultValue?.intValue)
        let issue = try #require(#expect(throws: FieldIssue.self) { try SimulationStages.Relaxation.origins.check(.int(-2)) })
        #expect(message(DynamicsCommand.self, dynamics + ["--origins", "-2"]) == "--origins: \(issue.message)")
        // The production run's swap fraction shares the engine's limit with the stage's.
        #expect(message(SimulateCommand.self, ["--temperature", "1", "--out", "x", "--swap-fraction", "10"]) == nil)
        #expect(message(SimulateCommand.self, ["--temperature", "1", "--out", "x", "--swap-fraction", "10.5"])
                == "--swap-fraction: 10.5 out of range: must be in [0.0, 10.0]")
    }

    @Test func theEllListIsBoundedAndLongListsAreShortened() {
        // Issue 24, item 8: no limit before; a bad element was quoted with the whole list.
        let ells = (1...101).map { "\(Double($0) * 0.01)" }.joined(separator: ",")
        #expect(message(DescriptorsCommand.self, ["c.xyz", "--ells", ells])
                == "--ells: 101 lengths: at most 100 allowed (the paper uses 10); each ℓ adds 6 feature columns")  // the manifest's words (DescriptorLimitsTests)
        let bad = message(DescriptorsCommand.self, ["c.xyz", "--ells", ells + ",x"])
        #expect(bad?.hasPrefix("--ells must be comma-separated lengths ℓ > 0, got 'x' in '0.01,0.02") == true && (bad?.count ?? 0) < 160)
        #expect(message(DescriptorsCommand.self, ["c.xyz", "--ells", "0.5,1,0.5"])
                == "--ells: ℓ = 0.5 repeated: each ℓ names a feature column, so they must be distinct")
    }

    @Test func aFileWhereADirectoryIsExpectedAndViceVersa() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        let file = dir.appendingPathComponent("plain.txt"), npyDir = dir.appendingPathComponent("features.npy")
        try FileManager.default.createDirectory(at: npyDir, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(message(DynamicsCommand.self, ["--from", "c.xyz", "--temperature", "1", "--sweeps", "10", "--out", file.path])
                == "--out: cannot write \(file.path): is a file, not a directory")
        #expect(message(DescriptorsCommand.self, ["c.xyz", "--out", npyDir.path])
                == "--out: cannot write \(npyDir.path): is a directory; give a file name to write to")
        #expect(message(SimulateCommand.self, ["--temperature", "1", "--out", dir.path])
                == "--out: cannot write \(dir.path): is a directory; give a file name to write to")
    }
}
