import Foundation
import Pipeline
import Report
import Testing
@testable import Reproduction

/// Issue 25 §1: the keyed form of a fixed summary. Fixtures/micro-summary.json is the typed
/// summary of ValueKeysTests' micro study; Fixtures/micro-values.json is its key → value map (with
/// the run cost below) as the hand-written key lists produced it before the flattening encoder
/// replaced them. Keys and values must stay equal, bit for bit. Regenerate both only on purpose
/// (a value added or renamed), with REPRO_WRITE_VALUE_FIXTURES=1, and say so in the commit.
@Suite struct ValueEncodingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let summaryURL = fixtures.appendingPathComponent("micro-summary.json")
    static let valuesURL = fixtures.appendingPathComponent("micro-values.json")

    /// The summary's keyed form plus a fixed run cost: everything values.json and the report hold.
    static func keyed(_ summary: ReportSummary) throws -> ValueStore {
        var v = try summary.keyedValues
        try RunCost(totalSeconds: 600, propensitySeconds: 500, propensityCoreSeconds: 1000,
                propensityTrials: summary.statePoint.propensityTrials).keyed(into: &v)
        return v
    }

    @Test func keyedFormOfAFixedSummaryIsUnchanged() throws {
        let summary = try Artifact.readJSON(ReportSummary.self, from: Self.summaryURL)
        let expected = try ValueStore.load(Self.valuesURL)
        // As values.json is written and read: a whole number reads back as an integer.
        let written = FileManager.default.temporaryDirectory.appendingPathComponent("values-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: written) }
        try Self.keyed(summary).write(to: written)
        let actual = try ValueStore.load(written)
        #expect(expected.values.count > 300)
        let missing = Set(expected.values.keys).subtracting(actual.values.keys).sorted()
        let extra = Set(actual.values.keys).subtracting(expected.values.keys).sorted()
        #expect(missing.isEmpty, "keys no longer set: \(missing)")
        #expect(extra.isEmpty, "keys newly set: \(extra)")
        let changed = expected.values.keys.filter { actual.values[$0] != nil && "\(actual.values[$0]!)" != "\(expected.values[$0]!)" }.sorted()
        #expect(changed.isEmpty, "values changed: \(changed.map { "\($0): \(expected.values[$0]!) → \(actual.values[$0]!)" })")
        // values.json byte for byte.
        #expect(try Data(contentsOf: written) == Data(contentsOf: Self.valuesURL))
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["REPRO_WRITE_VALUE_FIXTURES"] != nil))
    func writeFixtures() throws {
        guard let run = try ValueKeysTests.runMicro() else { return }
        try Artifact.writeJSON(run.typed, to: Self.summaryURL)
        try Self.keyed(run.typed).write(to: Self.valuesURL)
    }
}

/// Keys the micro study leaves unset (it has no aging, no S↔L swaps) follow the same encoding.
@Suite struct ConditionalValueKeyTests {
    @Test func agingIsQuotedAsRelaxation() throws {
        var summary = try Artifact.readJSON(ReportSummary.self, from: ValueEncodingTests.summaryURL)
        #expect(try summary.keyedValues["relaxation.late_over_early"] == nil)
        summary.equilibrium.aging = .init(tauAlphaEarly: 100, tauAlphaLate: 110, lateOverEarly: 1.1, maxHalfDifference: 0.02)
        let v = try summary.keyedValues
        #expect(v["relaxation.tau_alpha_early"] == .number(100) && v["relaxation.late_over_early"] == .number(1.1))
        #expect(v["relaxation.max_half_difference"] == .number(0.02) && v["equilibrium.aging.late_over_early"] == nil)
        #expect(v.values.keys.allSatisfy(ReportSummary.keySet.contains))
        #expect(ReportSummary.keySet.contains("equilibrium.swap_acceptance_sl"))
    }
}
