import ArgumentParser
import Foundation
import Formats
import Testing
@testable import repro

/// Issue 24, item 6 and "Also": `select` refuses, before any compute, a selection too large for
/// memory (100 000 rows aborted on an 80 GB allocation, exit 134, naming no file), and `select`
/// and `imbalance` refuse constant columns (Δ̄ = 0.014 from tie-breaking alone).
@Suite struct SelectGuardTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("select-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// `rows` × `columns` features, column `constant` (if any) all 1.
    func features(_ dir: URL, rows: Int, columns: Int, constant: Int? = nil, name: String = "x.npy") throws -> String {
        let url = dir.appendingPathComponent(name)
        var values: [Double] = []
        for i in 0..<rows {
            for c in 0..<columns { values.append(c == constant ? 1 : Double((i * (3 + c) + c) % 97)) }
        }
        try NpyArray(shape: [rows, columns], values: values).write(to: url)
        return url.path
    }

    /// The error `run()` throws, as the user reads it.
    func failure<C: ParsableCommand>(_ type: C.Type, _ arguments: [String]) throws -> String? {
        var command = try type.parse(arguments)
        do { try command.run(); return nil } catch { return "\(error)" }
    }

    @Test func aSelectionTooLargeForMemoryIsRefusedWithTheFileAndTheWayOut() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = try features(dir, rows: 100_000, columns: 3)
        let limit = try #require(ByteCount(argument: "8G")?.bytes)
        let text = try failure(SelectCommand.self, ["--features", big, "--max-d", "2", "--max-memory", "8G"])
        #expect(text == "\(big): points: a greedy selection over 100000 points needs about 120 GB of memory (N × N distances, and for the "
                + "unsupervised selection the ranks of X_full), above the limit of 8 GB; memory grows as N², so at most 25815 points fit: "
                + "compute on a random subset of the rows with --subsample M --seed S (M ≤ 25815), or raise --max-memory (default: half the physical memory)")
        #expect(limit == 8e9) // 25815 is checked against the estimate in SelectionGuardTests
        // The default limit is half of the physical memory: 100 000 rows need 120 GB.
        let byDefault = try failure(SelectCommand.self, ["--features", big, "--max-d", "2"])
        #expect(byDefault?.contains("needs about 120 GB of memory") == true || ProcessInfo.processInfo.physicalMemory > 240_000_000_000)
        // A small file under a tiny limit is refused too; a plain size parses.
        let small = try features(dir, rows: 40, columns: 3)
        #expect(try failure(SelectCommand.self, ["--features", small, "--max-d", "2", "--max-memory", "1000"])?.contains("above the limit of 1 kB") == true)
        #expect(try failure(SelectCommand.self, ["--features", small, "--max-d", "2"]) == nil)
        #expect(ByteCount(argument: "1.5T")?.bytes == 1.5e12 && ByteCount(argument: "500MB")?.bytes == 5e8 && ByteCount(argument: "-1G") == nil)
    }

    @Test func constantColumnsAreRefusedWithTheirNames() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let x = try features(dir, rows: 40, columns: 3, constant: 1)
        try Data(#"["a", "b", "c"]"#.utf8).write(to: dir.appendingPathComponent("x.names.json"))
        #expect(try failure(SelectCommand.self, ["--features", x, "--max-d", "2"])
                == "\(x): columns: 1 (b) constant (zero variance): a constant feature carries no information, and its imbalance would come "
                + "from how ties are broken alone; leave it out (write the features file without them)")
        let y = try features(dir, rows: 40, columns: 1, constant: 0, name: "y.npy")
        let good = try features(dir, rows: 40, columns: 3, name: "good.npy")
        #expect(try failure(SelectCommand.self, ["--features", good, "--target", y, "--max-d", "2"])
                == "\(y): the target is constant (zero variance): every point ties with every other, so Δ would come from how ties are broken alone")
        // imbalance names the column as numbered in the file, and --columns-a is the way out.
        #expect(try failure(ImbalanceCommand.self, [x, good, "--columns-a", "2,1"])
                == "\(x): columns: 1 constant (zero variance): a constant feature carries no information, and its imbalance would come "
                + "from how ties are broken alone; leave it out (choose the others with --columns-a)")
        #expect(try failure(ImbalanceCommand.self, [x, good, "--columns-a", "0,2"]) == nil)
    }
}
