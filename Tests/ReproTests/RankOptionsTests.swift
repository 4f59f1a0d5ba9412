import ArgumentParser
import Foundation
import Formats
import Testing
import InformationImbalance
@testable import repro

/// Issue 27 §4: --k and --subsample M --seed S of `imbalance` and `select`, validated before any
/// compute with the option and its allowed range named.
@Suite struct RankOptionsTests {
    func message<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) -> String? {
        do { _ = try type.parse(arguments); return nil } catch { return type.message(for: error) }
    }

    func failure<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) throws -> String? {
        var command = try type.parse(arguments)
        do { try command.run(); return nil } catch { return "\(error)" }
    }

    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rankk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `rows` × `columns` of smooth pseudo-random values (no ties).
    func array(_ dir: URL, _ name: String, rows: Int, columns: Int, salt: Double) throws -> (path: String, rows: [[Double]]) {
        var values = [[Double]]()
        for i in 0..<rows {
            let x = Double(i), wobble = 0.1 * Double(i % 7)
            values.append((0..<columns).map { c in sin(x * (1.3 + Double(c)) + salt) + wobble })
        }
        let url = dir.appendingPathComponent(name)
        try NpyArray(rows: values).write(to: url)
        return (url.path, values)
    }

    @Test func badValuesAreRefusedWhileParsing() {
        for command in [["a.npy", "b.npy"], ["--features", "f.npy"]] {
            let type: ParsableCommand.Type = command[0] == "a.npy" ? ImbalanceCommand.self : SelectCommand.self
            func says(_ extra: [String]) -> String? { message(type, command + extra) }
            #expect(says(["--k", "0"]) == "--k must be a whole number in 1…N−1 (N = number of points), got 0")
            #expect(says(["--k", "-3"]) == "--k must be a whole number in 1…N−1 (N = number of points), got -3")
            #expect(says(["--subsample", "1", "--seed", "2"]) == "--subsample must be a whole number of points in 2…N (N = number of rows), got 1")
            #expect(says(["--subsample", "100"]) == "--subsample needs --seed S (the draw of the M points is fixed by the seed)")
            #expect(says(["--seed", "5"]) == "--seed needs --subsample M (it seeds the draw of the M points)")
            #expect(says(["--k", "3", "--subsample", "100", "--seed", "5"]) == nil)
        }
    }

    @Test func kAndMAreCheckedAgainstTheRowsBeforeAnyCompute() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = try array(dir, "a.npy", rows: 30, columns: 2, salt: 0).path, b = try array(dir, "b.npy", rows: 30, columns: 1, salt: 1).path
        #expect(try failure(ImbalanceCommand.self, [a, b, "--k", "30"]) == "\(a): --k 30 needs more points than k; allowed 1…29 for its 30 rows")
        #expect(try failure(ImbalanceCommand.self, [a, b, "--subsample", "31", "--seed", "1"]) == "\(a): --subsample 31 exceeds its 30 rows; allowed 2…30")
        #expect(try failure(ImbalanceCommand.self, [a, b, "--k", "10", "--subsample", "10", "--seed", "1"])
                == "\(a): --k 10 needs more points than k; allowed 1…9 for the --subsample of 10 points")
        #expect(try failure(SelectCommand.self, ["--features", a, "--max-d", "1", "--k", "29"]) == nil)
        #expect(try failure(SelectCommand.self, ["--features", a, "--target", b, "--max-d", "1", "--k", "30"])
                == "\(a): --k 30 needs more points than k; allowed 1…29 for its 30 rows")
        #expect(try failure(SelectCommand.self, ["--features", a, "--max-d", "1", "--subsample", "40", "--seed", "1"])
                == "\(a): --subsample 40 exceeds its 30 rows; allowed 2…30")
    }

    /// The option's result equals the brute-force reference on the explicitly subsampled arrays,
    /// standardized among the M rows.
    @Test func subsampleEqualsTheExplicitlySubsampledFiles() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (a, rowsA) = try array(dir, "a.npy", rows: 200, columns: 3, salt: 0.3)
        let (b, rowsB) = try array(dir, "b.npy", rows: 200, columns: 1, salt: 2)
        let chosen = try Subsample.indices(points: 200, count: 50, seed: 17)
        let subA = dir.appendingPathComponent("subA.npy"), subB = dir.appendingPathComponent("subB.npy")
        try NpyArray(rows: chosen.map { rowsA[$0] }).write(to: subA)
        try NpyArray(rows: chosen.map { rowsB[$0] }).write(to: subB)
        var n = 0
        let option = try ImbalanceCommand.parse([a, b, "--k", "3", "--subsample", "50", "--seed", "17"]).compute(points: &n)
        #expect(n == 200)
        let explicit = try ImbalanceCommand.parse([subA.path, subB.path, "--k", "3"]).compute(points: &n)
        #expect(option == explicit)
        let sa = try ImbalanceInput.load(subA.path).standardized(), sb = try ImbalanceInput.load(subB.path).standardized()
        let da = distances(sa), db = distances(sb)
        #expect(option.forward == bruteForce(from: da, to: db, k: 3) && option.backward == bruteForce(from: db, to: da, k: 3))
        // k = 1 without options is today's Δ.
        let plain = try ImbalanceCommand.parse([a, b]).compute(points: &n)
        #expect(plain == (try informationImbalances(between: ImbalanceInput.load(a).standardized(), and: ImbalanceInput.load(b).standardized())))
    }

    /// The memory estimate follows M, and the refusal names --subsample.
    @Test func selectMemoryFollowsTheSubsample() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = try array(dir, "x.npy", rows: 400, columns: 3, salt: 0.7).path
        let fitting = (2...400).last { GreedySelection.memoryBytes(points: $0, features: 3, supervised: false) <= 600_000 }!
        let refused = try failure(SelectCommand.self, ["--features", x, "--max-d", "2", "--max-memory", "600K"])
        #expect(refused?.contains("over 400 points") == true)
        #expect(refused?.hasSuffix("at most \(fitting) points fit: compute on a random subset of the rows with --subsample M --seed S "
                                   + "(M ≤ \(fitting)), or raise --max-memory (default: half the physical memory)") == true)
        let limited = ["--features", x, "--max-d", "2", "--max-memory", "600K", "--seed", "3", "--subsample"]
        #expect(try failure(SelectCommand.self, limited + ["\(fitting)"]) == nil)
        #expect(try failure(SelectCommand.self, limited + ["\(fitting + 1)"])?.contains("a greedy selection over \(fitting + 1) points") == true)
    }

    // Squared distances and the stable-argsort Δ, written out (the engine's tests hold the full reference).
    func distances(_ x: FeatureSpace) -> [[Double]] {
        (0..<x.pointCount).map { i in (0..<x.pointCount).map { k in
            (0..<x.featureCount).reduce(0.0) { s, c in let d = x[point: i, feature: c] - x[point: k, feature: c]; return s + d * d }
        } }
    }

    func bruteForce(from da: [[Double]], to db: [[Double]], k: Int) -> Double {
        let n = da.count
        func order(_ row: [Double], _ i: Int) -> [Int] {
            row.indices.filter { $0 != i }.sorted { (row[$0], $0) < (row[$1], $1) }
        }
        var sum = 0
        for i in 0..<n {
            let ob = order(db[i], i)
            for j in order(da[i], i).prefix(k) { sum += ob.firstIndex(of: j)! + 1 }
        }
        return Double(2 * sum) / (Double(n) * Double(k) * Double(n))
    }
}
