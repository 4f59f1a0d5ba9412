// Issue 25 §1: the flattening encoder from a typed summary to value keys, and the key set from
// the same encoding of a prototype.
import Foundation
import Testing
@testable import Pipeline
@testable import Report

private enum Kind: Int, Codable, CaseIterable, ReportValueConvertible {
    case alpha, beta
    var reportValue: ReportValue { .text(["α", "β"][rawValue]) }
}

private struct Point: Codable, ValueKeyed, ValueKeyedElement {
    static let valueKeyNames: [String: String?] = ["kind": nil]
    var kind: Kind
    var peakEll: Double
    var valueKey: String { "\(kind)" }
    static var valueKeyCount: Int { Kind.allCases.count }
}

private struct Spread: Codable, ValueKeyed {
    static let valueKeyNames: [String: String?] = ["value": "", "sem": "sem"]
    var value: Double
    var sem: Double
}

private struct Inner: Codable { var tauAlpha: Double; var dropShareByD10: Double? }

private struct Toy: Codable, ValueKeyed, DerivedValues {
    static let valueKeyNames: [String: String?] = ["inner": "", "margin": "theta.pearson_margin", "hidden": nil, "points": ""]
    var n: Int
    var inner: Inner
    var margin: Double
    var hidden: Double
    var best: Kind
    var drop: Spread
    var curve: [Double]
    var points: [Point]
    var table: ReportTable?

    struct Derived: Codable { var growth: Double? }
    var derivedValues: Derived { Derived(growth: points.count > 1 ? points[1].peakEll - points[0].peakEll : nil) }
}

@Suite struct ValueEncoderTests {
    private let toy = Toy(n: 400, inner: Inner(tauAlpha: 12.5, dropShareByD10: nil), margin: 0.25, hidden: 9, best: .beta,
                          drop: Spread(value: 0.5, sem: 0.01), curve: [1, 2, 3],
                          points: [Point(kind: .alpha, peakEll: 2), Point(kind: .beta, peakEll: 3.5)],
                          table: ReportTable(columns: ["a"], rows: [["1"]]))

    @Test func codingKeysInSnakeCaseWithRenamesElementsAndDerivedValues() throws {
        let v = try ValueEncoding.values(of: toy, prefix: "toy.")
        #expect(v == [
            "toy.n": .integer(400),
            "toy.tau_alpha": .number(12.5),                 // "" joins the parent; camelCase → snake_case
            "toy.theta.pearson_margin": .number(0.25),      // a dotted rename
            "toy.best": .text("β"),                         // an enum quoted as its symbol
            "toy.drop": .number(0.5), "toy.drop.sem": .number(0.01),
            "toy.alpha.peak_ell": .number(2), "toy.beta.peak_ell": .number(3.5),  // keyed elements; plain arrays are not values
            "toy.table": .table(ReportTable(columns: ["a"], rows: [["1"]])),
            "toy.growth": .number(1.5),                     // derived from the fields
        ])
        // nil optionals set nothing; left-out fields neither.
        #expect(v["toy.drop_share_by_d10"] == nil && v["toy.hidden"] == nil && v["toy.curve"] == nil)
    }

    @Test func theKeySetIsThePrototypesKeys() throws {
        let keys = try ValueEncoding.keys(of: Toy.self)
        // Every optional (drop_share_by_d10, table, growth) and every element key is there.
        #expect(keys == ["n", "tau_alpha", "drop_share_by_d10", "theta.pearson_margin", "best", "drop", "drop.sem",
                         "alpha.peak_ell", "beta.peak_ell", "table", "growth"])
        // A real value's keys are always among them.
        #expect(Set(try ValueEncoding.values(of: toy).keys).isSubset(of: keys))
        // An unknown key is refused with the nearest one suggested.
        let set = ValueKeySet(keys: keys)
        #expect(!set.contains("theta.pearson_margn") && set.suggestion(for: "theta.pearson_margn") == "theta.pearson_margin")
    }

    @Test func everyScalarTypeIsAValue() throws {
        struct Mixed: Codable { var byte: UInt8; var big: UInt64; var half: Float; var flag: Bool }
        let v = try ValueEncoding.values(of: Mixed(byte: 7, big: .max, half: 0.5, flag: true))
        #expect(v == ["byte": .integer(7), "big": .number(Double(UInt64.max)), "half": .number(0.5), "flag": .integer(1)])
        #expect(try ValueEncoding.keys(of: Mixed.self) == ["byte", "big", "half", "flag"])
    }

    @Test func snakeCase() {
        #expect(ValueEncoding.snakeCase("tauAlpha") == "tau_alpha")
        #expect(ValueEncoding.snakeCase("speciesOrderSML") == "species_order_s_m_l")
        #expect(ValueEncoding.snakeCase("dropShareByD10") == "drop_share_by_d10")
        #expect(ValueEncoding.snakeCase("n") == "n")
    }
}
