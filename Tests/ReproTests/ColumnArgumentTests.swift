import ArgumentParser
import Foundation
import Formats
import Testing
import TestSupport
import Model
@testable import repro

/// Issue 27 §1: `imbalance` and `select` take FILE:COLUMN and named columns for every array;
/// `dynamics` names the columns of p.npy and q.npy.
@Suite struct ColumnArgumentTests {
    /// The scratch directories and the error-as-read of the select guards.
    let guards = SelectGuardTests()
    func scratch() throws -> URL { try guards.scratch() }
    func failure<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) throws -> String? { try guards.failure(type, arguments) }

    /// `rows` × `columns`, column c of row i a fixed scramble, so no two columns are alike.
    func matrix(_ rows: Int, _ columns: Int) -> [[Double]] {
        (0..<rows).map { i in
            (0..<columns).map { c -> Double in
                let scramble: Int = (i * (7 + 2 * c) + 3 * c * c) % 41
                return Double(scramble) + 0.1 * Double(c)
            }
        }
    }

    @Test func imbalanceTakesAColumnByIndexOrNameAsTheOneColumnFileDoes() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = matrix(60, 3), p = matrix(60, 4).map { $0.reversed() as [Double] }
        let a = dir.appendingPathComponent("x.npy"), b = dir.appendingPathComponent("propensity.npy")
        try NpyArray(rows: x).write(to: a)
        try NpyArray(rows: p).write(to: b)
        try JSONEncoder().encode(["p_t_beta", "q_t_beta", "p_tau_alpha", "q_tau_alpha"]).write(to: dir.appendingPathComponent("propensity.names.json"))
        let single = dir.appendingPathComponent("p_tau_alpha.npy")
        try NpyArray(p.map { $0[2] }).write(to: single)
        var n = 0
        let reference = try ImbalanceCommand.parse([a.path, single.path]).compute(points: &n)
        #expect(try ImbalanceCommand.parse([a.path, b.path + ":2"]).compute(points: &n) == reference)
        #expect(try ImbalanceCommand.parse([a.path, b.path + ":p_tau_alpha"]).compute(points: &n) == reference)
        #expect(try ImbalanceCommand.parse([a.path, b.path, "--columns-b", "2"]).compute(points: &n) == reference)
        // A column of A by index is --columns-a with that index.
        #expect(try ImbalanceCommand.parse([a.path + ":1", single.path]).compute(points: &n)
                == ImbalanceCommand.parse([a.path, single.path, "--columns-a", "1"]).compute(points: &n))
        #expect(try failure(ImbalanceCommand.self, [a.path + ":1", single.path, "--columns-a", "0"])
                == "\(a.path):1: give the columns either as FILE:COLUMN or with --columns-a, not both")
        #expect(try failure(ImbalanceCommand.self, [a.path, b.path + ":p_tau"])?
            .hasPrefix("\(b.path): no column named 'p_tau' (asked for as '\(b.path):p_tau'); allowed: 0…3 or a name: p_t_beta") == true)
    }

    @Test func selectTargetPicksOneColumnOfATwoDimensionalArray() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = dir.appendingPathComponent("features.npy"), y = dir.appendingPathComponent("propensity.npy")
        try NpyArray(rows: matrix(50, 4)).write(to: x)
        try NpyArray(rows: matrix(50, 4).map { $0.map { $0 * $0 } }).write(to: y)
        try JSONEncoder().encode(["p_t_beta", "q_t_beta", "p_tau_alpha", "q_tau_alpha"]).write(to: dir.appendingPathComponent("propensity.names.json"))
        #expect(try ImbalanceInput.read(y.path + ":p_tau_alpha", oneColumn: true).space.column(0) == matrix(50, 4).map { $0[2] * $0[2] })
        #expect(try failure(SelectCommand.self, ["--features", x.path, "--target", y.path + ":3", "--max-d", "2"]) == nil)
        #expect(try failure(SelectCommand.self, ["--features", x.path, "--target", y.path, "--max-d", "2"])
                == "\(y.path): one column is needed, the array has 4; choose one as \(y.path):COLUMN "
                + "(allowed: 0…3 or a name: p_t_beta, q_t_beta, p_tau_alpha, q_tau_alpha)")
        #expect(try failure(SelectCommand.self, ["--features", x.path, "--target", y.path + ":4", "--max-d", "2"])?.contains("no column 4") == true)
    }

    @Test func selectLabelsTheChosenColumnsOfTheFeatures() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = dir.appendingPathComponent("features.npy")
        try NpyArray(rows: matrix(40, 3)).write(to: x)
        try JSONEncoder().encode(["a", "b", "c"]).write(to: dir.appendingPathComponent("features.names.json"))
        let command = try SelectCommand.parse(["--features", x.path + ":c", "--max-d", "1"])
        #expect(try command.featureNames(ImbalanceInput.read(x.path + ":c")) == ["c"])
        #expect(try command.featureNames(ImbalanceInput.read(x.path)) == ["a", "b", "c"])
    }

    @Test func dynamicsNamesTheColumnsOfPAndQ() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let start = dir.appendingPathComponent("c.xyz")
        try ExtendedXYZ.write(Fixtures.randomMixture(n: 100, seed: 3), to: start)
        let out = dir.appendingPathComponent("dyn")
        var command = try DynamicsCommand.parse(["--from", start.path, "--temperature", "2", "--sweeps", "4", "--runs", "2",
                                                 "--times", "2,4", "--threads", "1", "--out", out.path])
        try command.run()
        for name in ["p", "q"] {
            let names = try JSONDecoder().decode([String].self, from: Data(contentsOf: out.appendingPathComponent("\(name).names.json")))
            #expect(names == ["\(name)_t2", "\(name)_t4"])
            let array = try NpyArray.read(from: out.appendingPathComponent("\(name).npy"))
            #expect(try ColumnReference(parsing: out.appendingPathComponent("\(name).npy").path + ":\(name)_t4").loadVector() == array.column(1))
        }
    }
}
