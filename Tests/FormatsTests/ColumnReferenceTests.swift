import Foundation
import Testing
@testable import Formats

/// Issue 27 §1: every array argument takes `FILE`, `FILE:COLUMN` or `FILE:NAME`.
@Suite struct ColumnReferenceTests {
    /// 3 points × 4 columns, named as the pipeline names propensity columns.
    static let rows: [[Double]] = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]
    static let names = ["p_t_beta", "q_t_beta", "p_tau_alpha", "q_tau_alpha"]

    /// A fresh directory holding `p.npy` (and `p.names.json` unless `names` is nil).
    static func directory(names: [String]? = ColumnReferenceTests.names, file: String = "p.npy") throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("columns-\(UUID().uuidString)")
        try NpyArray(rows: rows).write(to: dir.appendingPathComponent(file))
        if let names {
            let stem = (file as NSString).deletingPathExtension
            try JSONEncoder().encode(names).write(to: dir.appendingPathComponent(stem + ".names.json"))
        }
        return dir
    }

    func message(_ body: () throws -> Any) -> String {
        do { _ = try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func parsesFileIndexAndName() throws {
        let all = try ColumnReference(parsing: "a.npy"), index = try ColumnReference(parsing: "a.npy:2")
        let name = try ColumnReference(parsing: "out/a.npy:p_tau_alpha")
        #expect(all.path == "a.npy" && all.column == .all && all.description == "a.npy")
        #expect(index.path == "a.npy" && index.column == .index(2) && index.description == "a.npy:2")
        #expect(name.path == "out/a.npy" && name.column == .name("p_tau_alpha") && name.description == "out/a.npy:p_tau_alpha")
    }

    @Test func aColonInThePathSplitsAtTheLastColonOrNotAtAllWhenTheFileExists() throws {
        let dir = try Self.directory(names: nil, file: "run:2.npy")
        let whole = dir.appendingPathComponent("run:2.npy").path
        #expect(try ColumnReference(parsing: whole) == ColumnReference(parsing: whole) && ColumnReference(parsing: whole).column == .all)
        #expect(try ColumnReference(parsing: whole).path == whole)
        let column = try ColumnReference(parsing: whole + ":1")
        #expect(column.path == whole && column.column == .index(1))
        #expect(try column.loadVector() == [2, 6, 10])
        // Not a file: the last ':' separates the column, whatever colons come before.
        let missing = try ColumnReference(parsing: "x:1/y.npy:3")
        #expect(missing.path == "x:1/y.npy" && missing.column == .index(3))
    }

    @Test func refusesArgumentsWithoutAFileOrAColumn() {
        #expect(message { try ColumnReference(parsing: "") }.contains("empty argument"))
        #expect(message { try ColumnReference(parsing: ":2") }.contains("names no file before the ':'"))
        #expect(message { try ColumnReference(parsing: "p.npy:") }.contains("names no column after the ':'; write FILE:COLUMN, e.g. p.npy:0"))
        #expect(message { try ColumnReference(parsing: "p.npy:-1") } == "p.npy: column -1 in 'p.npy:-1': columns are numbered from 0")
    }

    @Test func loadsAColumnByIndexAndByName() throws {
        let p = try Self.directory().appendingPathComponent("p.npy").path
        #expect(try ColumnReference(parsing: p + ":2").loadVector() == [3, 7, 11])
        #expect(try ColumnReference(parsing: p + ":p_tau_alpha").loadVector() == [3, 7, 11])
        #expect(try ColumnReference(parsing: p + ":q_t_beta").loadNames() == ["q_t_beta"])
        let one = try ColumnReference(parsing: p + ":q_tau_alpha").loadMatrix()
        #expect(one.rows == 3 && one.columns == 1 && one.values == [4, 8, 12])
        let all = try ColumnReference(parsing: p).loadMatrix()
        #expect(all.rows == 3 && all.columns == 4 && all.values == Self.rows.flatMap { $0 })
        #expect(try ColumnReference(parsing: p).loadNames() == Self.names)
    }

    @Test func aOneDimensionalArrayIsOneColumn() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("columns-\(UUID().uuidString).npy")
        try NpyArray([1, 2, 3]).write(to: url)
        #expect(try ColumnReference(parsing: url.path).loadVector() == [1, 2, 3])
        #expect(try ColumnReference(parsing: url.path + ":0").loadVector() == [1, 2, 3])
        #expect(message { try ColumnReference(parsing: url.path + ":1").loadVector() }.contains("no column 1"))
    }

    @Test func aWholeTwoDimensionalArrayIsNotAVector() throws {
        let p = try Self.directory().appendingPathComponent("p.npy").path
        #expect(message { try ColumnReference(parsing: p).loadVector() }
                == "\(p): one column is needed, the array has 4; choose one as \(p):COLUMN (allowed: 0…3 or a name: p_t_beta, q_t_beta, p_tau_alpha, q_tau_alpha)")
    }

    @Test func errorsNameTheFileTheColumnAndWhatIsAllowed() throws {
        let dir = try Self.directory()
        let p = dir.appendingPathComponent("p.npy").path
        #expect(message { try ColumnReference(parsing: p + ":4").loadVector() }
                == "\(p): no column 4 (asked for as '\(p):4'); allowed: 0…3 or a name: p_t_beta, q_t_beta, p_tau_alpha, q_tau_alpha")
        #expect(message { try ColumnReference(parsing: p + ":p_tau_alfa").loadVector() }
                == "\(p): no column named 'p_tau_alfa' (asked for as '\(p):p_tau_alfa'); did you mean 'p_tau_alpha'? "
                + "allowed: 0…3 or a name: p_t_beta, q_t_beta, p_tau_alpha, q_tau_alpha")
        #expect(message { try ColumnReference(parsing: p + ":P_TAU_ALPHA").loadVector() }.contains("did you mean 'p_tau_alpha'?"))
        #expect(!message { try ColumnReference(parsing: p + ":density").loadVector() }.contains("did you mean"))
    }

    @Test func aNameNeedsAValidNamesFile() throws {
        let bare = try Self.directory(names: nil).appendingPathComponent("p.npy").path
        let namesPath = (bare as NSString).deletingPathExtension + ".names.json"
        #expect(message { try ColumnReference(parsing: bare + ":p_tau_alpha").loadVector() }
                == "\(bare): column 'p_tau_alpha' is a name, but the names file \(namesPath) cannot be read (no such file); "
                + "give a 0-based index 0…3 instead, or write the names there (a JSON array of strings, one per column)")
        #expect(try ColumnReference(parsing: bare + ":1").loadVector() == [2, 6, 10])
        #expect(try ColumnReference(parsing: bare + ":1").loadNames() == nil)
        #expect(message { try ColumnReference(parsing: bare + ":9").loadVector() }.hasSuffix("allowed: 0…3 (no names file \(namesPath))"))

        let short = try Self.directory(names: ["a", "b"]).appendingPathComponent("p.npy").path
        #expect(message { try ColumnReference(parsing: short + ":a").loadVector() }.hasSuffix("has 2 names but \(short) has 4 columns"))
        let twice = try Self.directory(names: ["a", "b", "a", "c"]).appendingPathComponent("p.npy").path
        #expect(message { try ColumnReference(parsing: twice + ":a").loadVector() }.contains("the name 'a' labels columns 0, 2; give the index instead"))
        let dir = try Self.directory(names: nil)
        try Data("{\"a\": 1}".utf8).write(to: dir.appendingPathComponent("p.names.json"))
        #expect(message { try ColumnReference(parsing: dir.appendingPathComponent("p.npy").path + ":a").loadVector() }.contains("expected a JSON array of strings"))
    }

    @Test func aMissingFileAndAThreeDimensionalArrayAreNamed() throws {
        #expect(message { try ColumnReference(parsing: "/nonexistent/p.npy:0").loadVector() }.hasPrefix("/nonexistent/p.npy: cannot read .npy file: no such file"))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("columns-\(UUID().uuidString).npy")
        try NpyArray(shape: [1, 2, 2], values: [1, 2, 3, 4]).write(to: url)
        #expect(message { try ColumnReference(parsing: url.path + ":0").loadVector() }.contains("expected a 1-D or 2-D array"))
    }

    /// float32 and big-endian files give the same column as float64.
    @Test func otherDTypesGiveTheSameColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("columns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let payload = Self.rows.flatMap { $0 }.flatMap { RawNpy.bytes(Float($0).bitPattern, bigEndian: true) }
        let url = dir.appendingPathComponent("big.npy")
        try RawNpy.file(header: RawNpy.header(descr: ">f4", shape: "(3, 4)"), payload: payload).write(to: url)
        try JSONEncoder().encode(Self.names).write(to: dir.appendingPathComponent("big.names.json"))
        #expect(try ColumnReference(parsing: url.path + ":p_tau_alpha").loadVector() == [3, 7, 11])
    }

    @Test func nearMissesAreTyposNotStrangers() {
        #expect(ColumnReference.nearest(to: "p_tau_alpa", among: Self.names) == "p_tau_alpha")
        #expect(ColumnReference.nearest(to: "q", among: Self.names) == nil)
        #expect(ColumnReference.levenshtein(Array("kitten"), Array("sitting")) == 3)
    }
}
