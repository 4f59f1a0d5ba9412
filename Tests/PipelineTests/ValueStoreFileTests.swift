import Foundation
import Testing
@testable import Pipeline
@testable import Report

/// values.json is what the report, `repro diff` and users read: every kind of value survives a
/// round trip, and an undefined statistic is written as "nan" rather than failing the write.
@Suite struct ValueStoreFileTests {
    @Test func roundTripKeepsNumbersIntegersTextTablesAndNaN() throws {
        var v = ValueStore()
        v.set("theta_bar.optimal_ell", 1.9, sem: 0.05)
        v.set("configurations", 5)
        v.set("prediction.species_order_s_m_l", "S > M > L")
        v.set("table.x", ReportTable(columns: ["a"], rows: [["1"]]))
        v.set("tau_alpha", .nan)
        v.set("ratio", -.infinity)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("values-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try v.write(to: url)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("\"tau_alpha\" : \"nan\""))
        let back = try ValueStore.load(url)
        #expect(back["theta_bar.optimal_ell"] == .number(1.9) && back["theta_bar.optimal_ell.sem"] == .number(0.05))
        #expect(back["configurations"] == .integer(5))
        #expect(back["prediction.species_order_s_m_l"] == .text("S > M > L"))
        #expect(back["table.x"] == .table(ReportTable(columns: ["a"], rows: [["1"]])))
        #expect(back["tau_alpha"]?.doubleValue?.isNaN == true)
        #expect(back["ratio"] == .number(-.infinity))
    }
}
